"""One list of an event's facts (core/event_fields.py) for the library and the lifecycle rules."""

from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core.event_fields import EVENT_FACTS
from yimatong_plugin.core.library import schema
from yimatong_plugin.core.library.library_values import EVENT_ATTRS


def test_the_facts_are_columns_of_the_events_table_in_its_order():
    columns = schema.column_names("ymt_events")
    assert [c for c in columns if c in EVENT_FACTS] == list(EVENT_FACTS)
    assert EVENT_ATTRS == EVENT_FACTS


def test_the_rules_read_the_key_columns_and_the_facts_they_use():
    assert lc.RULE_EVENT_COLUMNS[:4] == ("fid", "code", "stage", "event_date")
    assert set(lc.RULE_EVENT_COLUMNS) <= set(schema.column_names("ymt_events"))
    assert "note" not in lc.RULE_EVENT_COLUMNS and "stopped_on" in lc.RULE_EVENT_COLUMNS
