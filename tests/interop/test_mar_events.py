"""MAR event exports (CSV) → administrations with pauses; unclosed streams warn, never invent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infusion_coder.errors import InvalidInput
from infusion_coder.interop import load_mapping, mar_code_csv, read_mar_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mar"
EVENTS = (FIXTURES / "events.csv").read_text(encoding="utf-8")
EPIC = (FIXTURES / "epic-export.csv").read_text(encoding="utf-8")
EPIC_MAP = (FIXTURES / "epic-mapping.toml").read_text(encoding="utf-8")
HEAD = (
    "encounter,admin_id,timestamp,action,drug,dose,dose_unit,route,site,volume_ml,rate_ml_per_hr\n"
)


def test_when_events_then_one_case_per_encounter_in_order() -> None:
    cases = [imp.case for imp in read_mar_csv(EVENTS)]
    assert [c.id for c in cases] == ["V-2001", "V-2002"]
    assert [c.date for c in cases] == ["2026-03-02", "2026-03-03"]


def test_when_started_paused_restarted_stopped_then_one_infusion_with_a_pause() -> None:
    case = read_mar_csv(EVENTS)[0].case
    adm = {a.id: a for a in case.administrations}["ord-2"]
    assert adm.route == "iv_infusion"
    assert (adm.start, adm.stop) == ("2026-03-02T09:00", "2026-03-02T11:30")
    assert [(p.start, p.stop) for p in adm.pauses] == [("2026-03-02T09:30", "2026-03-02T09:45")]
    assert adm.hcpcs == "J9060" and adm.category == "chemotherapy"
    assert adm.dose is not None and adm.dose.amount == 100.0
    assert adm.rate_ml_per_hr == 250.0  # the first rate; a rate change does not move times


def test_when_given_then_push_at_that_time() -> None:
    case = read_mar_csv(EVENTS)[0].case
    push = {a.id: a for a in case.administrations}["ord-1"]
    assert (push.route, push.start, push.stop) == ("iv_push", "2026-03-02T08:50", None)


def test_when_stream_never_stops_then_warning_and_no_stop_is_invented() -> None:
    imp = read_mar_csv(EVENTS)[1]
    [adm] = imp.case.administrations
    assert adm.stop is None
    assert adm.rate_ml_per_hr is None  # with volume and rate the coder would derive a stop
    [note] = [n for n in imp.report.of_kind("missing") if n.target.endswith(".stop")]
    assert note.source == "rows 10–11" and note.administrations == [adm.id]
    result = mar_code_csv(EVENTS)[1]
    warned = [w for w in result.warnings if w.rule == "EHR001" and "no stop" in w.message]
    assert warned and warned[0].administrations == [adm.id]
    assert not any(w.rule == "INP004" for w in result.warnings)  # no derived stop


def test_when_mapping_renames_columns_and_actions_then_the_export_reads() -> None:
    [imp] = read_mar_csv(EPIC, EPIC_MAP)
    case = imp.case
    assert (case.id, case.setting, case.payer) == ("700301", "facility", "commercial")
    adm = {a.id: a for a in case.administrations}
    assert adm["55501"].route == "iv_push" and adm["55501"].start == "2026-03-04T09:05"
    inf = adm["55502"]
    assert (inf.start, inf.stop) == ("2026-03-04T09:15", "2026-03-04T11:20")  # 12-hour clock
    assert [(p.start, p.stop) for p in inf.pauses] == [("2026-03-04T10:00", "2026-03-04T10:10")]
    assert "55503" not in adm  # "Due" mapped to ignore
    assert any(n.kind == "ignored" for n in imp.report.notes)


def test_when_mar_is_coded_then_lines_come_back() -> None:
    results = mar_code_csv(EVENTS)
    codes = {ln.code for ln in results[0].lines}
    assert {"96413", "96375"} <= codes


def test_when_new_bag_of_a_running_infusion_then_it_continues_and_volumes_add() -> None:
    text = HEAD + (
        "E1,h1,2026-03-02 09:00,start,normal saline,,,IV,,1000,500\n"
        "E1,h1,2026-03-02 11:00,new bag,normal saline,,,IV,,1000,500\n"
        "E1,h1,2026-03-02 13:30,stop,normal saline,,,IV,,,\n"
    )
    [adm] = read_mar_csv(text)[0].case.administrations
    assert (adm.start, adm.stop, adm.volume_ml) == ("2026-03-02T09:00", "2026-03-02T13:30", 2000.0)


def test_when_held_then_stopped_without_restart_then_stop_is_the_hold() -> None:
    text = HEAD + (
        "E1,a,2026-03-02 09:00,start,drug X,,,IV,,,\n"
        "E1,a,2026-03-02 09:40,paused,drug X,,,IV,,,\n"
        "E1,a,2026-03-02 10:30,stopped,drug X,,,IV,,,\n"
    )
    [adm] = read_mar_csv(text)[0].case.administrations
    assert (adm.stop, adm.pauses) == ("2026-03-02T09:40", [])


def test_when_stop_without_start_then_reported_and_row_skipped() -> None:
    text = HEAD + "E1,a,2026-03-02 10:30,stopped,drug X,,,IV,,,\n"
    imp = read_mar_csv(text)[0]
    assert imp.case.administrations == []
    assert imp.report.of_kind("missing")[0].source == "row 2.action"


def test_when_unknown_action_then_ambiguous_note_not_a_guess() -> None:
    text = HEAD + "E1,a,2026-03-02 10:30,wiggled,drug X,,,IV,,,\n"
    imp = read_mar_csv(text)[0]
    assert imp.case.administrations == []
    assert imp.report.of_kind("ambiguous")[0].source == "row 2.action"


# ------------------------------------------------------------------ malformed CSVs
SECRET = "Doe^Jane"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (f"E1,a,{SECRET},start,drug X,,,IV,,,", "row 2.timestamp"),  # not a date-time
        (f"E1,a,2026-03-02 09:00,start,drug X,{SECRET},mg,IV,,,", "row 2.dose"),
        ("E1,a,2026-03-02 09:00,start,drug X,5,,IV,,,", "row 2.dose_unit"),  # dose without unit
        ("E1,a,2026-03-02 09:00,start,,,,IV,,,", "row 2.drug"),  # no drug
        (",a,2026-03-02 09:00,start,drug X,,,IV,,,", "row 2.encounter"),
        ("E1,a,2026-03-02 09:00,start,drug X,,,IV,,-5,", "row 2.volume_ml"),
        ("E1,a,2026-03-02 09:00,,drug X,,,IV,,,", "row 2.action"),
        ("E1,a,2026-02-30 09:00,start,drug X,,,IV,,,", "row 2.timestamp"),  # no such day
    ],
)
def test_when_row_is_malformed_then_error_names_row_and_field_without_the_value(
    row: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        read_mar_csv(HEAD + row + "\n")
    assert info.value.field == field
    assert SECRET not in info.value.message


def test_when_required_column_is_missing_then_error_names_it() -> None:
    with pytest.raises(InvalidInput) as info:
        read_mar_csv("encounter,when,action,drug\nE1,2026-03-02 09:00,start,x\n")
    assert info.value.field == "timestamp"


def test_when_mapped_column_is_missing_then_error_says_what_it_was_mapped_to() -> None:
    with pytest.raises(InvalidInput) as info:
        read_mar_csv(EVENTS, '[columns]\ntimestamp = "Admin Time"\n')
    assert "Admin Time" in info.value.message


def test_when_empty_file_then_error() -> None:
    with pytest.raises(InvalidInput):
        read_mar_csv("")


@pytest.mark.parametrize(
    ("toml", "field"),
    [
        ("[columns\n", "mapping"),  # not TOML
        ('[columns]\nwhen = "Time"\n', "mapping.columns.when"),  # not one of our columns
        ('[actions]\n"Given" = "eaten"\n', "mapping.actions.Given"),  # not an action
        ('[defaults]\nsetting = "home"\n', "mapping.defaults.setting"),
        ("[other]\nx = 1\n", "mapping.other"),
        ('[routes]\n"Nebulizer" = "lungs"\n', "mapping.routes.Nebulizer"),
    ],
)
def test_when_mapping_is_malformed_then_error_names_the_key(toml: str, field: str) -> None:
    with pytest.raises(InvalidInput) as info:
        load_mapping(toml)
    assert info.value.field == field


def test_when_export_has_bom_and_padded_headers_then_it_reads() -> None:
    text = "\ufeff Encounter , Timestamp ,ACTION,Drug\nE1,2026-03-02 09:00,given,drug X\n"
    [adm] = read_mar_csv(text)[0].case.administrations
    assert adm.start == "2026-03-02T09:00"


def test_when_csv_is_not_readable_then_error_names_the_row() -> None:
    with pytest.raises(InvalidInput) as info:
        read_mar_csv('encounter,timestamp,action,drug\nE1,2026-03-02 09:00,given,"dr"ug\n')
    assert info.value.field == "row 2"


def test_when_route_word_says_push_or_piggyback_then_it_decides_and_conflicts_are_noted() -> None:
    text = HEAD + (
        "E1,a,2026-03-02 09:00,given,drug A,,,IV Push,,,\n"
        "E1,b,2026-03-02 09:10,given,drug B,,,IVPB,,100,200\n"
    )
    imp = read_mar_csv(text)[0]
    adm = {a.id: a for a in imp.case.administrations}
    assert adm["a"].route == "iv_push"
    assert adm["b"].route == "iv_infusion" and adm["b"].stop is None
    assert adm["b"].rate_ml_per_hr is None  # no stop derived from volume and rate
    notes = {(n.kind, n.source) for n in imp.report.notes}
    assert ("ambiguous", "row 3.route") in notes and ("missing", "row 3") in notes


def test_when_export_is_not_in_time_order_then_events_are_folded_in_time_order() -> None:
    text = HEAD + (
        "E1,a,2026-03-02 10:30,stopped,drug X,,,IV,,,\n"
        "E1,a,2026-03-02 09:40,paused,drug X,,,IV,,,\n"
        "E1,a,2026-03-02 09:00,started,drug X,,,IV,,,\n"
        "E1,a,2026-03-02 09:50,restarted,drug X,,,IV,,,\n"
    )
    [adm] = read_mar_csv(text)[0].case.administrations
    assert (adm.start, adm.stop) == ("2026-03-02T09:00", "2026-03-02T10:30")
    assert [(p.start, p.stop) for p in adm.pauses] == [("2026-03-02T09:40", "2026-03-02T09:50")]


def test_when_mapping_names_routes_then_the_export_words_read() -> None:
    text = HEAD + "E1,a,2026-03-02 09:00,given,drug X,,,Piggyback line,,,\n"
    mapping = '[routes]\n"Piggyback line" = "iv_infusion"\n'
    [adm] = read_mar_csv(text, mapping)[0].case.administrations
    assert adm.route == "iv_infusion"


# ------------------------------------------------------------------ property: nothing invented
ACTIONS = ["started", "new bag", "paused", "restarted", "rate change", "stopped", "given", "Due"]


@st.composite
def event_streams(draw: st.DrawFn) -> tuple[str, set[str]]:
    n = draw(st.integers(min_value=1, max_value=14))
    minutes = sorted(draw(st.lists(st.integers(0, 23 * 60 + 59), min_size=n, max_size=n)))
    rows, times = [], set()
    for m in minutes:
        stamp = f"2026-03-02 {m // 60:02d}:{m % 60:02d}"
        times.add(stamp.replace(" ", "T"))
        adm = draw(st.sampled_from(["a", "b", ""]))
        action = draw(st.sampled_from(ACTIONS))
        rows.append(f"E1,{adm},{stamp},{action},drug {adm or 'z'},,,IV,,500,250")
    order = draw(st.permutations(rows))  # exports are not always sorted
    return HEAD + "\n".join(order) + "\n", times


@settings(max_examples=300, deadline=None)
@given(event_streams())
def test_mar_times_are_only_ever_event_times(stream: tuple[str, set[str]]) -> None:
    text, times = stream
    for imp in read_mar_csv(text):
        for adm in imp.case.administrations:
            used = {adm.start, adm.stop} | {t for p in adm.pauses for t in (p.start, p.stop)}
            assert used - {None} <= times
            if adm.stop is None and adm.route == "iv_infusion":
                assert adm.rate_ml_per_hr is None  # no stop can be derived either
                assert any(adm.id in n.administrations for n in imp.report.of_kind("missing"))
