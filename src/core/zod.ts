// zod, configured for our Content-Security-Policy: by default zod probes `new Function` to compile faster
// parsers, which the policy (no 'unsafe-eval') blocks and reports; jitless mode never tries.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
