"""``GET /p/{code}`` under overload: every library connection busy, the page a phone gets is a
small Chinese HTML page with 503 (as the 404 page), never the API's JSON error."""

from __future__ import annotations

import threading
import time

import psycopg2
import requests

from tests.library_data import SEG
from tests.service_server import Service
from yimatong_plugin.core.library import open_library


def test_public_page_when_every_connection_is_busy(postgis_server):
    uri = postgis_server.new_database()
    lib = open_library(uri, user="seed")
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="武陵区安置房", source="municipal_key")
    lib.close()
    svc = Service(uri, "--pool-size", "1", "--pool-wait", "0.5")
    blocker = psycopg2.connect(uri)
    try:
        assert requests.get(f"{svc.url}/p/{code}", timeout=10).status_code == 200
        # an administrator's lock holds the one connection's query: the next page must wait
        cur = blocker.cursor()
        cur.execute("LOCK TABLE ymt_projects IN ACCESS EXCLUSIVE MODE")
        first: dict = {}
        holder = threading.Thread(
            target=lambda: first.update(resp=requests.get(f"{svc.url}/p/{code}", timeout=60))
        )
        holder.start()
        probe = psycopg2.connect(uri)
        probe.autocommit = True
        for _ in range(300):  # until the service's query waits on the lock (not a timing assert)
            with probe.cursor() as c:
                c.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()"
                )
                if c.fetchone()[0]:
                    break
            time.sleep(0.1)
        probe.close()
        busy = requests.get(f"{svc.url}/p/{code}", timeout=30)
        assert busy.status_code == 503
        assert busy.headers["content-type"].startswith("text/html")
        assert 'name="viewport"' in busy.text and "请稍后" in busy.text
        assert "{" not in busy.text.split("</style>")[1]  # no JSON body
        assert busy.headers.get("retry-after")
        blocker.rollback()  # the lock released: the waiting page is served
        holder.join(60)
        assert first["resp"].status_code == 200 and "武陵区安置房" in first["resp"].text
    finally:
        blocker.close()
        svc.stop()
