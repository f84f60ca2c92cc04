#!/usr/bin/env python3
"""Builds datasets/incident_matches.csv: one row per incident from exploits.csv and hacks_defillama.csv (deduplicated by date
and name), joined to a protocol id of protocols.csv where it can be. Reviewed by hand after each run; see datasets/README.md.
Usage: python3 datasets/tools/match_incidents.py datasets  (reads and writes the CSV files in that folder)."""
import csv, re, sys, datetime, collections

FROM, TO = datetime.date(2021, 5, 1), datetime.date(2024, 12, 31)
STOP = {"finance", "protocol", "network", "dao", "fi", "the", "exchange", "labs", "token", "v1", "v2", "v3", "v4", "io", "app", "xyz"}
# Reviewed by hand (name matches that join a token or another project of a similar name): demoted to low confidence.
REVIEWED_LOW = {
    ("2022-11-21", "sDAO"): "review: sDAO token, not S Finance (the stop words leave one letter)",
    ("2024-04-08", "SQUID"): "review: SQUID token on BSC, not SquidDao",
    ("2024-04-16", "MARS"): "review: MARS token on BSC, not Mars Protocol (Cosmos)",
    ("2024-10-01", "FireToken"): "review: FIRE token, FireDAO not confirmed",
}
OFF_CHAIN = ("private key", "frontend", "social engineering", "phishing", "dns", "compromised", "insider")


def norm(name):
    words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", name).lower())
    return "".join(w for w in words if w not in STOP) or "".join(words)


def names_match(a, b):
    a, b = norm(a), norm(b)
    return a == b or (min(len(a), len(b)) >= 5 and (a in b or b in a))


def day(text):
    return datetime.date.fromisoformat(text)


def hack_scope(row):
    technique = row["technique"].lower()
    if row["classification"] == "Rugpull":
        return "rugpull"
    if row["classification"] == "Infrastructure" or any(word in technique for word in OFF_CHAIN):
        return "operational"
    if row["targetType"] != "DeFi Protocol":
        return "unclear"
    return "smart-contract-exploit"


def main(folder):
    exploits = list(csv.DictReader(open(f"{folder}/exploits.csv", encoding="utf-8")))
    hacks = list(csv.DictReader(open(f"{folder}/hacks_defillama.csv", encoding="utf-8")))
    protocols = list(csv.DictReader(open(f"{folder}/protocols.csv", encoding="utf-8")))
    by_name = collections.defaultdict(list)
    for p in protocols:
        by_name[norm(p["name"])].append(p)
    by_id = {p["id"]: p for p in protocols}
    incidents, used = [], set()
    for i, h in enumerate(hacks):
        d = day(h["date"])
        if not FROM <= d <= TO:
            continue
        best = None
        for j, e in enumerate(exploits):
            if j in used or abs((day(e["date"]) - d).days) > 3 or not names_match(e["protocol"], h["name"]):
                continue
            if best is None or abs((day(e["date"]) - d).days) < abs((day(exploits[best]["date"]) - d).days):
                best = j
        if best is not None:
            used.add(best)
        incidents.append((best, i))
    for j, e in enumerate(exploits):
        if j not in used and FROM <= day(e["date"]) <= TO:
            incidents.append((j, None))
    rows = []
    for j, i in incidents:
        e = exploits[j] if j is not None else None
        h = hacks[i] if i is not None else None
        date = (e or h)["date"]
        name = e["protocol"] if e else h["name"]
        scope = e["scope"] if e else hack_scope(h)
        if e and h and e["scope"] == "unclear":
            scope = hack_scope(h)
        loss = e["loss_usd"] if e and e["loss_usd"] else (h["amount_usd"] if h else "")
        returned = (e["funds_returned_usd"] if e and e["funds_returned_usd"] else "") or (h["returnedFunds"] if h else "")
        pid, match, confidence = "", "none", "none"
        if h and h["defillamaId"] and h["defillamaId"] in by_id:
            pid, match, confidence = h["defillamaId"], "defillama_id", "high"
        else:
            candidates = by_name.get(norm(name), [])
            if len(candidates) == 1:
                pid, match, confidence = candidates[0]["id"], "name_exact", "medium"
            elif len(candidates) > 1:
                pid, match, confidence = sorted(candidates, key=lambda p: p["listed_date"])[0]["id"], "name_ambiguous", "low"
        note = ""
        if (date, name) in REVIEWED_LOW and confidence == "medium":
            confidence, note = "low", REVIEWED_LOW[(date, name)]
        if pid and by_id[pid]["listed_date"] > date:
            note = "listed after the incident"
        rows.append({
            "date": date, "name": name, "scope": scope, "loss_usd": loss, "returned_usd": returned,
            "exploits_row": "" if j is None else j + 2, "hacks_row": "" if i is None else i + 2,
            "protocol_id": pid, "protocol_name": by_id[pid]["name"] if pid else "", "match": match, "confidence": confidence,
            "note": note})
    rows.sort(key=lambda r: (r["date"], r["name"]))
    with open(f"{folder}/incident_matches.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(collections.Counter((r["date"][:4], r["scope"], r["confidence"]) for r in rows))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "datasets")
