"""``GET /p/{code}``: the public 码上直办 page (no key needed).

A small Chinese HTML page readable on a phone: the project's name, code, division, stage
timeline and status — nothing else (no applicant, contact, files, amounts or audit). An unknown
or malformed code is a 404 page. Everything shown is escaped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from html import escape
from typing import Optional

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ..core.code import CodeError, parse_code
from ..core.dictionaries import load_dictionaries
from ..core.library import STAGES, Library, LibraryError
from .errors import ApiError

router = APIRouter()

_STYLE = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;
background:#f4f6f8;color:#1f2933;font-size:16px;line-height:1.5}
header{background:#1b5e87;color:#fff;padding:14px 16px}
header h1{font-size:18px;margin:0}
main{padding:12px 16px;max-width:640px;margin:auto}
.card{background:#fff;border-radius:8px;padding:12px 14px;margin-bottom:12px;
box-shadow:0 1px 2px rgba(0,0,0,.08)}
.name{font-size:20px;font-weight:600;margin:0 0 6px}
.code{font-family:monospace;font-size:14px;margin:0 0 8px}
dl{margin:0}dt{color:#66788a;font-size:14px}dd{margin:0 0 8px}
ol{list-style:none;margin:0;padding:0;border-left:3px solid #1b5e87}
li{position:relative;padding:0 0 12px 14px}
li:before{content:"";position:absolute;left:-8px;top:6px;width:13px;height:13px;
border-radius:50%;background:#1b5e87}
.date{color:#66788a;font-size:14px}
.status{display:inline-block;background:#e3f1e8;color:#1e6b3a;border-radius:4px;padding:0 6px}
footer{color:#8a99a8;font-size:13px;text-align:center;padding:8px 0 20px}
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>一码通 · 码上直办</h1></header><main>{body}</main>"
        "<footer>本页仅显示项目名称、代码、行政区、阶段与状态</footer></body></html>"
    )


_dicts = None


def _division(admin: str) -> str:
    global _dicts
    try:
        if _dicts is None:
            _dicts = load_dictionaries()
        name = _dicts["admin"].get(admin)
    except Exception:  # the page still shows the code when the list cannot be read
        name = None
    return f"{name}（{admin}）" if name else admin


def not_found(text: str) -> HTMLResponse:
    body = (
        '<div class="card"><p class="name">未找到该项目</p>'
        f'<p class="code">{escape(text[:60])}</p>'
        "<p>请核对项目代码（28 位数字）。</p></div>"
    )
    return HTMLResponse(_page("未找到项目", body), status_code=404)


def unavailable() -> HTMLResponse:
    """The page a phone gets when the library is busy or unreachable (never JSON)."""
    body = (
        '<div class="card"><p class="name">服务繁忙</p>'
        "<p>当前访问人数较多或项目库暂时无法连接，请稍后刷新本页。</p></div>"
    )
    return HTMLResponse(_page("暂不可用", body), status_code=503, headers={"Retry-After": "5"})


async def _library_or_busy(request: Request) -> AsyncIterator[Optional[Library]]:
    """A library borrowed for this request, or None when none is free in time (overload) or
    the library cannot be opened: the page then answers 503 as HTML, not the API's JSON."""
    borrowing = request.app.state.libraries.borrow()
    try:
        lib = await borrowing.__aenter__()
    except ApiError:
        yield None
        return
    try:
        yield lib
    except BaseException as exc:
        if not await borrowing.__aexit__(type(exc), exc, exc.__traceback__):
            raise
    else:
        await borrowing.__aexit__(None, None, None)


@router.get(
    "/p/{code}",
    response_class=HTMLResponse,
    summary="码上直办 public page",
    responses={
        404: {"content": {"text/html": {}}, "description": "unknown code (an HTML page)"},
        503: {"content": {"text/html": {}}, "description": "the library is unreachable"},
    },
)
def public_page(code: str, lib: Optional[Library] = Depends(_library_or_busy)):
    try:
        pcode = parse_code(code[:100])
    except CodeError:
        return not_found(code)
    if lib is None:
        return unavailable()
    try:
        row = lib.project(str(pcode))
        events = lib.events(str(pcode)) if row else []
    except LibraryError:
        return unavailable()
    if row is None:
        return not_found(code)
    current = STAGES.get(row.get("current_stage") or "", "尚无阶段记录")
    status = "已归档" if row["archived"] else current
    items = "".join(
        f"<li><div>{escape(STAGES.get(e['stage'], e['stage']))}"
        + (f' <span class="status">{escape(str(e["status"]))}</span>' if e.get("status") else "")
        + f'</div><div class="date">{escape(str(e["event_date"]))}</div></li>'
        for e in events
    )
    body = (
        f'<div class="card"><p class="name">{escape(row["name"])}</p>'
        f'<p class="code">{escape(pcode.display())}</p>'
        f"<dl><dt>行政区</dt><dd>{escape(_division(row['admin']))}</dd>"
        f"<dt>当前阶段</dt><dd>{escape(status)}</dd>"
        + (
            f"<dt>审批办理状态</dt><dd>{escape(str(row['approval_status']))}</dd>"
            if row.get("approval_status")
            else ""
        )
        + "</dl></div>"
        + '<div class="card"><p class="name" style="font-size:17px">阶段</p>'
        + (f"<ol>{items}</ol>" if items else "<p>尚无阶段记录</p>")
        + "</div>"
    )
    return HTMLResponse(_page(f"{row['name']} · 一码通", body))
