// A list that follows sales and the catalogue: it loads when its element connects, again after every change
// SalesService announces (an import, a counter sale, a void, a catalogue edit), and stops listening when the
// element leaves the page. Added after the element's @consume controllers, so the service is there by then.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SalesService } from '../../app/services/sales-service';

export class FollowSales implements ReactiveController {
  #stop: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly sales: () => SalesService,
    private readonly load: () => Promise<void>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#stop = this.sales().onChange(this.load);
    void this.load();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
