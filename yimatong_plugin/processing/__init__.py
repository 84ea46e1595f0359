"""Processing provider and algorithms of Yimatong (provider id ``yimatong``)."""
