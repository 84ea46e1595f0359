"""The reports: the compliance-review report on a document layer (translator, PDF layout
pieces, maps); :mod:`..compliance_report` re-exports its public functions."""
