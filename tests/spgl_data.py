"""Staging tables (前置库, ``SPGL_*``) for the approval-sync tests, built here, and writers to
SQLite, CSV (UTF-8 or GBK) and PostgreSQL with differently-cased names.

Investment codes: P1 and P2 match one library project each, AMBIGUOUS two, ARCHIVED an archived
one, UNKNOWN none. Rows cover every BLZT value, SJYXBS = 0, an identical duplicate, conflicting
duplicates, a bad date, an unknown status, an unknown item, a key from LSH only and a document
with no expiry (9999-01-01).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import sqlite3

P1 = "2024-430702-47-01-012345"
P2 = "2024-430702-47-01-012346"
AMBIGUOUS = "2024-430702-47-01-099999"
ARCHIVED = "2024-430702-47-01-055555"
UNKNOWN = "2024-430702-47-01-000007"

COLUMNS = {
    "SPGL_XMJBXXB": ["DFSJZJ", "XMDM", "XMMC", "XZQHDM", "SJYXBS"],
    "SPGL_XMSPSXBLXXB": ["DFSJZJ", "XMDM", "SPSXSLBM", "SPSXBM", "SPSXMC", "SLSJ", "SJYXBS"],
    "SPGL_XMSPSXBLXXXXB": ["DFSJZJ", "LSH", "SPSXSLBM", "BLZT", "BLSJ", "BLCS", "SJYXBS"],
    "SPGL_XMSPSXPFWJXXB": [
        "DFSJZJ",
        "SPSXSLBM",
        "PFWH",
        "PFRQ",
        "PFWJBT",
        "PFWJYXQX",
        "SJYXBS",
    ],
}


def _t(day: int, month: int = 3, hour: int = 9) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, 0, 0)


def staging_tables() -> dict[str, list[list]]:
    """table -> rows (in COLUMNS order); datetimes stay Python objects (writers format them)."""
    projects = [
        ["J1", P1, "武陵区安置房", "430702", 1],
        ["J2", P2.replace("-", ""), "鼎城区学校", "430703", 1],  # XMDM without hyphens
        ["J3", UNKNOWN, "不在项目库的项目", "430702", 1],
    ]
    items = [
        ["S1", P1, "I1", "SX001", "建设项目用地预审与选址意见书核发", _t(1), 1],
        ["S2", P1, "I2", "SX003", "建设用地规划许可证核发", _t(2), 1],
        ["S3", P2, "I3", "SX004", "建设工程规划许可证核发", _t(3), 1],
        ["S4", UNKNOWN, "I4", "SX005", "建筑工程施工许可证核发", _t(4), 1],
        ["S5", P1, "I5", "SX099", "户外广告设置许可", _t(5), 1],
        ["S6", AMBIGUOUS, "I6", "SX003", "建设用地规划许可证核发", _t(6), 1],
        ["S7", P2, "I7", "SX006", "竣工联合验收", _t(7), 1],
        ["S8", ARCHIVED, "I8", "SX003", "建设用地规划许可证核发", _t(8), 1],
    ]
    details = [
        # every BLZT value, on P1's planning permit (I2) and P2's completion (I7)
        ["D01", "L01", "I2", 1, _t(2, hour=8), "窗口", 1],
        ["D02", "L02", "I2", 2, _t(2, hour=9), "窗口", 1],
        ["D03", "L03", "I2", 3, _t(2, hour=10), "窗口", 1],
        ["D04", "L04", "I7", 4, _t(7, hour=8), "窗口", 1],
        ["D05", "L05", "I7", 5, _t(7, hour=9), "窗口", 1],
        ["D06", "L06", "I2", 6, _t(3, hour=8), "规划科", 1],
        ["D07", "L07", "I2", 7, _t(3, hour=9), "规划科", 1],
        ["D08", "L08", "I2", 8, _t(4, hour=8), "规划科", 1],
        ["D09", "L09", "I2", 9, _t(4, hour=9), "规划科", 1],
        ["D10", "L10", "I2", 10, _t(4, hour=10), "规划科", 1],
        ["D11", "L11", "I1", 11, _t(5), "用地科", 1],  # 办结（通过）: preliminary review
        ["D12", "L12", "I3", 12, _t(6), "规划科", 1],  # 办结（容缺通过）: planning permit
        ["D13", "L13", "I2", 13, _t(10), "规划科", 1],  # 办结（不通过）: P1's latest status
        ["D14", "L14", "I7", 14, _t(8), "窗口", 1],
        ["D15", "L15", "I7", 15, _t(9), "窗口", 1],  # 撤销: P2's latest status
        ["D16", "L16", "I2", 11, _t(11), "规划科", 0],  # SJYXBS = 0: not counted
        ["D17", "L17", "I4", 11, _t(11), "建管科", 1],  # code matches no project
        ["D18", "L18", "I5", 11, _t(11), "城管", 1],  # item mapped to no stage
        ["D19", "L19", "I6", 3, _t(11), "窗口", 1],  # two projects with this code
        ["D11", "L11", "I1", 11, _t(5), "用地科", 1],  # identical duplicate of D11
        ["DX", "LX", "I2", 3, _t(12), "窗口", 1],  # conflicting duplicates
        ["DX", "LX", "I2", 6, _t(12), "窗口", 1],
        ["D22", "L22", "I2", 3, "2024-13-45", "窗口", 1],  # bad date
        [None, "L23", "I7", 99, _t(13), "窗口", 1],  # unknown status (key from LSH)
        ["D24", "L24", "I8", 3, _t(13), "窗口", 1],  # archived project
        [None, "L25", "I7", 11, _t(14), "建管科", 1],  # 办结（通过）, key from LSH, no document
    ]
    documents = [
        [
            "F1",
            "I1",
            "常自然资预〔2024〕5号",
            dt.date(2024, 3, 5),
            "用地预审与选址意见书",
            dt.date(9999, 1, 1),
            1,
        ],
        [
            "F2",
            "I3",
            "建字第430703202400012号",
            dt.date(2024, 3, 6),
            "建设工程规划许可证",
            dt.date(2026, 3, 6),
            1,
        ],
        ["F3", "I3", "作废文号", dt.date(2024, 3, 1), "作废", dt.date(2025, 1, 1), 0],  # invalid
    ]
    return {
        "SPGL_XMJBXXB": projects,
        "SPGL_XMSPSXBLXXB": items,
        "SPGL_XMSPSXBLXXXXB": details,
        "SPGL_XMSPSXPFWJXXB": documents,
    }


def corrected(tables: dict) -> dict:
    """The same tables after the approval system corrected D12's document number and date."""
    out = copy.deepcopy(tables)
    for row in out["SPGL_XMSPSXPFWJXXB"]:
        if row[0] == "F2":
            row[2] = "建字第430703202400013号"
            row[3] = dt.date(2024, 3, 7)
    return out


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_sqlite(path, tables: dict) -> None:
    """Lower-case table and column names (the reader matches ignoring case)."""
    conn = sqlite3.connect(str(path))
    for table, rows in tables.items():
        cols = [c.lower() for c in COLUMNS[table]]
        conn.execute(f"CREATE TABLE {table.lower()} ({', '.join(cols)})")
        marks = ", ".join("?" * len(cols))
        conn.executemany(
            f"INSERT INTO {table.lower()} VALUES ({marks})",
            [[_cell(v) if isinstance(v, dt.date) else v for v in row] for row in rows],
        )
    conn.commit()
    conn.close()


def write_csv(folder, tables: dict, encoding: str = "utf-8") -> None:
    """One ``<TABLE>.csv`` per table (upper-case names), in ``encoding`` (``gbk``…)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        with open(folder / f"{table}.csv", "w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS[table])
            writer.writerows([[_cell(v) for v in row] for row in rows])


PG_TYPES = {"BLSJ": "text", "SLSJ": "timestamp", "PFRQ": "date", "PFWJYXQX": "date", "BLZT": "int"}


def write_postgres(conn, tables: dict, schema: str = "spgl") -> None:
    """Quoted upper-case table names, lower-case columns, typed dates, in ``schema``."""
    cur = conn.cursor()
    cur.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    for table, rows in tables.items():
        cols = ", ".join(f"{c.lower()} {PG_TYPES.get(c, 'text')}" for c in COLUMNS[table])
        cur.execute(f'CREATE TABLE {schema}."{table}" ({cols})')
        marks = ", ".join(["%s"] * len(COLUMNS[table]))
        for row in rows:
            values = [
                _cell(v) if (c == "BLSJ" or c not in PG_TYPES and v is not None) else v
                for c, v in zip(COLUMNS[table], row)
            ]
            cur.execute(f'INSERT INTO {schema}."{table}" VALUES ({marks})', values)
    conn.commit()
