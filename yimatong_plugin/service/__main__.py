"""Command line of the exchange service.

python -m yimatong_plugin.service serve --library <path-or-uri> --host 127.0.0.1 --port <n>
    [--workers <k>] [--max-upload-mb <m>] [--max-body-kb <k>]
python -m yimatong_plugin.service add-client <name> --library <path-or-uri> --scopes s1,s2
    (prints the new API key as the last line of stdout; only its SHA-256 is stored)
python -m yimatong_plugin.service revoke-client <name> --library <path-or-uri>
"""

from __future__ import annotations

import argparse
import os
import sys

from ..core.library import LibraryError, open_library
from ..core.library.clients import SCOPES, add_client, revoke_client


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m yimatong_plugin.service")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--library", required=True, help="GeoPackage path or PostgreSQL URI")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--max-upload-mb", type=float, default=512.0)
    serve.add_argument("--max-body-kb", type=float, default=1024.0)
    serve.add_argument("--count-cap", type=int, default=1000, help="list totals counted up to")
    serve.add_argument(
        "--pool-size", type=int, default=8, help="library connections per worker process"
    )
    serve.add_argument(
        "--pool-wait",
        type=float,
        default=30.0,
        help="seconds a request waits for a free library connection before a 503",
    )
    serve.add_argument("--log-level", default="info")
    add = sub.add_parser("add-client", help="register a calling system; prints its new key")
    add.add_argument("name")
    add.add_argument("--library", required=True)
    add.add_argument("--scopes", required=True, help="comma-separated: " + ",".join(SCOPES))
    revoke = sub.add_parser("revoke-client", help="revoke a calling system's key")
    revoke.add_argument("name")
    revoke.add_argument("--library", required=True)
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        # opening creates or migrates the schema: errors show here, before any worker starts
        lib = open_library(args.library, user=os.environ.get("USER") or "yimatong-service")
        try:
            if args.command == "add-client":
                key = add_client(lib, args.name, args.scopes)
                print(f"client {args.name}: scopes {args.scopes}; its API key (shown once):")
                print(key)
                return 0
            if args.command == "revoke-client":
                revoke_client(lib, args.name)
                print(f"client {args.name}: revoked")
                return 0
        finally:
            lib.close()
    except LibraryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import uvicorn

    os.environ["YMT_SERVICE_LIBRARY"] = str(args.library)
    os.environ["YMT_SERVICE_MAX_UPLOAD"] = str(int(args.max_upload_mb * 2**20))
    os.environ["YMT_SERVICE_MAX_BODY"] = str(int(args.max_body_kb * 1024))
    os.environ["YMT_SERVICE_COUNT_CAP"] = str(max(1, args.count_cap))
    os.environ["YMT_SERVICE_POOL"] = str(max(1, args.pool_size))
    os.environ["YMT_SERVICE_POOL_WAIT"] = str(max(0.01, args.pool_wait))
    uvicorn.run(
        "yimatong_plugin.service.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
