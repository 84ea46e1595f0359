"""Change a stored result's bytes behind the library's back, as an administrator could (the
refusal trigger switched off for the moment), to test that the library refuses them."""


def forge_blob(uri: str, backend: str, sha: str, data: bytes) -> None:
    forge = "UPDATE ymt_blob_chunks SET data = {mark} WHERE sha256 = {mark}"
    if backend == "gpkg":
        import sqlite3

        con = sqlite3.connect(uri)
        name = "ymt_blob_chunks_no_update"
        trigger = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        con.execute(f"DROP TRIGGER {name}")
        con.execute(forge.format(mark="?"), (data, sha))
        con.execute(trigger[0])
        con.commit()
        con.close()
    else:
        import psycopg2

        con = psycopg2.connect(uri)
        with con, con.cursor() as cur:
            cur.execute("ALTER TABLE ymt_blob_chunks DISABLE TRIGGER ymt_blob_chunks_no_update")
            cur.execute(forge.format(mark="%s"), (data, sha))
            cur.execute("ALTER TABLE ymt_blob_chunks ENABLE TRIGGER ymt_blob_chunks_no_update")
        con.close()
