"""Reference speed of gensim's Word2Vec (skip-gram, negative sampling, one worker thread) on a basket file, for
`npm run bench -- item2vec --gensim`. Prints one JSON object: effective words per second as gensim counts them
(words left after min_count trimming and subsampling). Needs Debian's python3-gensim; nothing is installed here."""
import json
import logging
import re
import sys
import time

from gensim.models import Word2Vec


def main() -> None:
    args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    with open(args["--train"], encoding="utf-8") as f:
        baskets = [line.rstrip("\r\n").split("\t") for line in f if line.rstrip("\r\n")]
    effective = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            m = re.search(r"(\d+) effective words", record.getMessage())
            if m and "training on" in record.getMessage():
                effective.append(int(m.group(1)))

    logging.getLogger("gensim").addHandler(Capture())
    logging.getLogger("gensim").setLevel(logging.INFO)
    started = time.perf_counter()
    Word2Vec(
        sentences=baskets,
        vector_size=int(args.get("--dim", 64)),
        window=int(args.get("--window", 5)),
        sg=1,
        negative=int(args.get("--negative", 10)),
        sample=float(args.get("--sample", 1e-3)),
        min_count=int(args.get("--min-count", 1)),
        epochs=int(args.get("--epochs", 20)),
        workers=1,
        seed=1,
    )
    seconds = time.perf_counter() - started
    words = effective[-1] if effective else 0
    print(json.dumps({"gensim_words_per_s": words / seconds if seconds else 0, "gensim_seconds": seconds, "gensim_effective_words": words}))


if __name__ == "__main__":
    main()
