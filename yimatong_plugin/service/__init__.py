"""The 一码通 exchange service: the project library over HTTP (FastAPI + uvicorn).

Imports core only (never Qt/QGIS). See ``python -m yimatong_plugin.service --help`` and the
README section "Exchange service".
"""
