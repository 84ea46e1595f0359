"""The library's projects and their codes: allocate a code, add, change, archive, read and
find projects. A mixin of :class:`~.base.Library`."""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

from ..code import SEGMENT_NAMES, CodeError, ProjectCode, build_prefix
from ..i18n import tr
from .errors import LibraryError
from .library_values import (
    _INVESTMENT_RE,
    PROJECT_ATTRS,
    PROJECT_UPDATABLE,
    CodeLike,
    _prefix_upper,
    normalise_investment_code,
    now_iso,
)


class ProjectsMixin:
    """Projects and codes (part of :class:`~.base.Library`)."""

    # --- codes ---------------------------------------------------------------------------
    def allocate_code(self, **segments) -> ProjectCode:
        """Reserve the next serial of this 22-digit prefix (one transaction) and return the code.

        ``segments``: region, admin, year, approval_type, project_type, supply_type, land_use.
        Serials start at 000001, strictly increase and are never issued twice (also not after a
        project is archived). An allocated code not used by :meth:`add_project` stays burned.
        """
        prefix = self._prefix({name: None for name in SEGMENT_NAMES[:-1]} | segments)
        with self._tx():
            serial = self._next_serial(prefix)
        return ProjectCode.from_prefix(prefix, serial)

    def _prefix(self, segments: dict) -> str:
        """The validated 22-digit prefix of ``segments``, or the user's error."""
        try:
            return build_prefix(dictionaries=self.dictionaries, **segments)
        except (CodeError, TypeError) as exc:
            raise LibraryError(
                tr("Cannot allocate a code: {error}").format(error=exc),
                "bad_code",
                getattr(exc, "segment", None),
            ) from None

    def _next_serial(self, prefix: str) -> int:
        try:
            cur = self._execute(
                "INSERT INTO ymt_serials (prefix, last_serial, updated_at) VALUES (?, 1, ?) "
                "ON CONFLICT (prefix) DO UPDATE SET last_serial = ymt_serials.last_serial + 1, "
                "updated_at = excluded.updated_at RETURNING last_serial",
                (prefix, now_iso()),
            )
            return int(cur.fetchone()[0])
        except LibraryError as exc:
            if exc.kind != "constraint":  # CHECK (last_serial <= 999999) failed
                raise
            raise LibraryError(
                tr(
                    "All serials 000001-999999 of prefix {prefix} are used; no further code can be "
                    "issued in it (use another year or type)"
                ).format(prefix=prefix),
                "serials_exhausted",
                prefix,
            ) from None

    # --- projects ------------------------------------------------------------------------
    def add_project(self, code: CodeLike, name: str = "", source: str = "", **attrs) -> int:
        """Add a project under an allocated (or imported) code; returns its fid.

        ``attrs``: applicant, declared_area_m2, agreed_handover, agreed_start, agreed_completion
        (dates as date or 'YYYY-MM-DD'), investment_code (GB/T 40058), status, note.
        """
        pcode = self._code(code, strict=True)
        values = self._clean_attrs(
            dict(attrs, name=name, source=source), ("name", "source") + PROJECT_ATTRS, str(code)
        )
        values.update(pcode.segments())
        values["code"] = str(pcode)
        stamp = now_iso()
        values.update(created_at=stamp, updated_at=stamp, updated_by=self.user)
        with self._tx():
            existing = self._one(
                "SELECT name, archived FROM ymt_projects WHERE code = ?", (str(pcode),)
            )
            if existing is not None:
                raise LibraryError(
                    tr("Project code {code} is already in the library ('{name}'{archived})").format(
                        code=pcode.display(),
                        name=existing["name"],
                        archived=tr(", archived") if existing["archived"] else "",
                    ),
                    "duplicate_code",
                    str(pcode),
                )
            # the insert trigger moves the prefix counter up to this serial (imported codes)
            return self._insert("ymt_projects", values)

    def new_project(self, name: str, source: str, segments: dict, **attrs) -> ProjectCode:
        """Allocate a code from ``segments`` (allocate_code's keywords) and add the project, in one
        transaction. Returns the code."""
        values = self._clean_attrs(
            dict(attrs, name=name, source=source), ("name", "source") + PROJECT_ATTRS, name
        )
        prefix = self._prefix(segments)
        with self._tx():
            pcode = ProjectCode.from_prefix(prefix, self._next_serial(prefix))
            values.update(pcode.segments())
            stamp = now_iso()
            values.update(code=str(pcode), created_at=stamp, updated_at=stamp, updated_by=self.user)
            self._insert("ymt_projects", values)
        return pcode

    def update_project(self, code: CodeLike, **changes) -> None:
        """Change project fields (name, source, applicant, declared_area_m2, agreed dates,
        investment_code, status, note). The code and its segments never change."""
        pcode = self._code(code)
        values = self._clean_attrs(changes, PROJECT_UPDATABLE, str(code))
        if not values:
            return
        with self._tx():
            self._require_project(pcode)
            self._update("ymt_projects", "code = ?", (str(pcode),), values)

    def archive_project(self, code: CodeLike, reason: str = "") -> None:
        """Archive a project (never deleted; its code is never issued again)."""
        pcode = self._code(code)
        with self._tx():
            self._require_project(pcode)
            self._archive("ymt_projects", "code = ?", (str(pcode),), reason)

    def project(self, code: CodeLike) -> Optional[dict]:
        """The project row as a dict (None if the code is not in the library)."""
        pcode = self._code(code)
        return self._one("SELECT * FROM ymt_projects WHERE code = ?", (str(pcode),))

    def projects(self, include_archived: bool = False, limit: Optional[int] = None) -> list[dict]:
        sql = "SELECT * FROM ymt_projects" + ("" if include_archived else " WHERE archived = ?")
        params: list = [] if include_archived else [False]
        sql += " ORDER BY code"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._rows(sql, params)

    def find(self, text: str, limit: int = 50, include_archived: bool = True) -> list[dict]:
        """Projects matching ``text``: a full code (bare or grouped), a code prefix (any leading
        digits), an investment code (GB/T 40058), or a part of the name or applicant."""
        # NFKC: full-width digits and hyphens typed with a Chinese input method become ASCII
        text = unicodedata.normalize("NFKC", text or "").strip()
        if not text:
            return []
        limit = max(1, int(limit))
        arch = "" if include_archived else " AND archived = ?"
        arch_p: tuple = () if include_archived else (False,)
        digits = re.sub(r"[\s\-\u3000]", "", text)
        if digits.isdigit():
            if _INVESTMENT_RE.match(text) and "-" in text:
                rows = self._rows(
                    "SELECT * FROM ymt_projects WHERE investment_code = ?" + arch + " LIMIT ?",
                    (normalise_investment_code(text),) + arch_p + (limit,),
                )
                if rows:
                    return rows
            if len(digits) <= 28:
                upper = _prefix_upper(digits)
                rows = self._rows(
                    "SELECT * FROM ymt_projects WHERE code >= ? AND code < ?"
                    + arch
                    + " ORDER BY code LIMIT ?",
                    (digits, upper) + arch_p + (limit,),
                )
                if rows or len(digits) >= 8:
                    return rows
        return self._text_search(text, limit, include_archived)
