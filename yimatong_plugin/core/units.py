"""Area units used in Chinese planning: m², 公顷 (hectare) and 亩 (mu).

1 公顷 = 10,000 m²; 1 亩 = 10,000/15 m² ≈ 666.67 m².
"""

from __future__ import annotations

M2_PER_HECTARE = 10_000.0
M2_PER_MU = 10_000.0 / 15.0


def m2_to_hectares(m2: float) -> float:
    return float(m2) / M2_PER_HECTARE


def m2_to_mu(m2: float) -> float:
    return float(m2) / M2_PER_MU


def hectares_to_m2(ha: float) -> float:
    return float(ha) * M2_PER_HECTARE


def mu_to_m2(mu: float) -> float:
    return float(mu) * M2_PER_MU


def format_m2(m2: float, decimals: int = 2) -> str:
    """``12,345.68 m²``."""
    return f"{float(m2):,.{decimals}f} m²"


def format_hectares(m2: float, decimals: int = 4) -> str:
    """An area given in m², written in 公顷: ``1.2346 公顷``."""
    return f"{m2_to_hectares(m2):,.{decimals}f} 公顷"


def format_mu(m2: float, decimals: int = 2) -> str:
    """An area given in m², written in 亩: ``18.52 亩``."""
    return f"{m2_to_mu(m2):,.{decimals}f} 亩"


def format_area(m2: float) -> str:
    """All three units, as reports show them: ``12,345.68 m² (1.2346 公顷, 18.52 亩)``."""
    return f"{format_m2(m2)} ({format_hectares(m2)}, {format_mu(m2)})"
