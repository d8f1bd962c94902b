#!/usr/bin/env python3
"""Builds the reference corpus's coder file from its gold passages.

    python3 Corpora/reference/build.py        # writes Corpora/reference/codings.csv

Each gold passage (gold/segments.jsonl) carries CHAT elements and the writers' own sub-code names; each
element becomes one coding by the coder `reference`, with the sub-code mapped to Codebooks/chat.yaml's ids
(SUBCODES below, or by keyword for free-text names) when one of the passage's sub-codes belongs to that
element, else the element's top-level code. Passages with no element (small talk) give no coding: the sentence was read and left uncoded.
"""
import csv, json, re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ELEMENT_CODE = {"Subject": "subject", "Object": "object", "Outcome": "outcome", "Rules": "rules",
                "Tools and signs": "tools", "Community": "community", "Division of labor": "division_of_labor"}
# Writers' sub-code names (lower-cased, punctuation as given) -> codebook ids.
SUBCODES = {
    # element-prefixed names
    "subject: identity": "subject.background", "subject: background": "subject.background",
    "subject: learner disposition": "subject.background", "subject/identity": "subject.background",
    "subject/background": "subject.background", "subject/learner": "subject.background",
    "subject/confidence": "subject.background", "subject.identity": "subject.background",
    "object: tasks and evidence": "object.tasks", "object: assessment and feedback": "object.tasks",
    "object: design": "object.design", "object: appeal of the approach": "object.design",
    "object/task": "object.tasks", "object/evidence": "object.tasks", "object/assessment": "object.tasks",
    "object/design": "object.design", "object/appeal": "object.design", "object.assessment": "object.tasks",
    "outcome: result": "outcome.learning", "outcome: learning goal": "outcome.learning",
    "outcome: motivation": "outcome.motivation", "outcome/result": "outcome.learning", "outcome/goal": "outcome.learning",
    "outcome.results": "outcome.learning", "outcome/staff": "outcome.motivation.staff",
    "outcome/priorities": "outcome.motivation.priorities", "outcome/supervisor": "outcome.motivation.supervisor",
    "outcome/passion": "outcome.motivation.passion", "outcome/degree": "outcome.motivation.degree",
    "outcome/deep": "outcome.motivation.deep",
    "rules: requirements": "rules.requirements", "rules: incentives": "rules.incentives",
    "rules: time commitment": "rules.time", "rules: time judgment": "rules.time", "rules: time advice": "rules.time.advice",
    "rules: deadlines and windows": "rules.deadlines", "rules/incentive": "rules.incentives",
    "rules/requirement": "rules.requirements", "rules/attendance": "rules.requirements", "rules/hours": "rules.time",
    "rules/time_judgment": "rules.time", "rules/time_advice": "rules.time.advice", "rules/deadline": "rules.deadlines",
    "tools and signs: tool (platform)": "tools.platform", "tools and signs: sign (content and resources)": "tools.content",
    "tools and signs/tool": "tools.platform", "tools and signs/sign": "tools.content",
    "community: colleagues, staff and families taking part": "community.collaboration",
    "community: cohort and other leaders": "community.collaboration",
    "community: mentor, host or facilitator": "community.collaboration", "community: isolation": "community.collaboration",
    "community/colleagues": "community.collaboration", "community/peers": "community.collaboration",
    "community/cohort": "community.collaboration", "community/coach": "community.collaboration",
    "community/isolation": "community.collaboration", "community/facilitator": "community.collaboration",
    "community.colleagues": "community.collaboration", "community.cohort": "community.collaboration",
    "community.isolation": "community.collaboration", "community.coach": "community.collaboration",
    "division of labor: role": "division_of_labor.role", "division of labor: workload": "division_of_labor.role",
    "division of labor: staffing and who does what": "division_of_labor.role",
    "division of labor: years as administrator": "division_of_labor.experience",
    "division of labor/role": "division_of_labor.role", "division of labor/workload": "division_of_labor.role",
    "division of labor/staffing": "division_of_labor.role", "division of labor/delegation": "division_of_labor.role",
    "division of labor/context": "division_of_labor.role", "division of labor/years": "division_of_labor.experience",
    "division.role": "division_of_labor.role", "division.workload": "division_of_labor.role",
    "division.years": "division_of_labor.experience",
}


# Free-text sub-code names (groups M, N, P and Q wrote their own labels, "motivation: supervisor
# request", "platform: adequate"): the first keyword a name contains gives its codebook id; a name
# with none of them leaves the element's top-level code.
KEYWORDS = [
    ("supervisor", "outcome.motivation.supervisor"), ("degree", "outcome.motivation.degree"),
    ("priorit", "outcome.motivation.priorities"), ("passion", "outcome.motivation.passion"),
    ("deep", "outcome.motivation.deep"), ("motivation: bring", "outcome.motivation.staff"),
    ("motivation: staff", "outcome.motivation.staff"), ("motivation", "outcome.motivation"),
    ("time advice", "rules.time.advice"), ("hours", "rules.time"), ("time judgment", "rules.time"), ("time", "rules.time"),
    ("incentive", "rules.incentives"), ("stipend", "rules.incentives"), ("deadline", "rules.deadlines"),
    ("window", "rules.deadlines"), ("requirement", "rules.requirements"),
    ("platform", "tools.platform"), ("content", "tools.content"), ("resource", "tools.content"), ("reading", "tools.content"),
    ("toolkit", "tools.content"), ("appeal", "object.design"), ("design", "object.design"), ("format", "object.design"),
    ("task", "object.tasks"), ("evidence", "object.tasks"), ("assessment", "object.tasks"), ("feedback", "object.tasks"),
    ("portfolio", "object.tasks"), ("capstone", "object.tasks"),
    ("years", "division_of_labor.experience"), ("experience", "division_of_labor.experience"),
    ("role", "division_of_labor.role"), ("workload", "division_of_labor.role"), ("staffing", "division_of_labor.role"),
    ("background", "subject.background"), ("identity", "subject.background"), ("career", "subject.background"),
    ("collaborat", "community.collaboration"), ("cohort", "community.collaboration"), ("isolation", "community.collaboration"),
    ("mentor", "community.collaboration"), ("colleague", "community.collaboration"),
    ("result", "outcome.learning"), ("learning", "outcome.learning"), ("outcome", "outcome.learning"), ("impact", "outcome.learning"),
]


def code_id(name):
    key = name.strip().lower()
    if key in SUBCODES:
        return SUBCODES[key]
    if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", key):  # already a codebook id
        return key
    return next((code for word, code in KEYWORDS if word in key), None)


def main():
    rows = []
    for line in open(HERE / "gold" / "segments.jsonl", encoding="utf-8"):
        seg = json.loads(line)
        codes = [code for code in map(code_id, seg["subcodes"]) if code]
        for element in seg["elements"]:
            top = ELEMENT_CODE[element]
            mine = [c for c in codes if c.split(".")[0] == top]
            rows.append((f"{seg['doc']}.txt", seg["quote"], mine[0] if mine else top))
    with open(HERE / "codings.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["document", "quote", "code", "coder"])
        for document, quote, code in rows:
            writer.writerow([document, quote, code, "reference"])
    print(f"{len(rows)} codings")


if __name__ == "__main__":
    main()
