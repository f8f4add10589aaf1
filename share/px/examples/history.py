"""The demo's three months of history: python3 history.py COMMAND ...

Generates what the hospitals and their patients do, reproducibly (every
choice is drawn from a generator seeded with the demo's seed and the thing
it is about, never from the random ids px gives), so that the demo's
reports and dashboard have a shape: about 700 visits to three hospitals
from 2026-09-01, their patients' answers, and the follow-up of the negative
ones.  px does the rest, through its ordinary commands (demo.sh).

  weeks SEED DIR              writes the HIS export of each week as
                              DIR/visits-WEEK.csv (the columns of
                              visits.csv) and prints the week's clock:
                              "WEEK CRON ANSWERS NOTIFY" lines, the times
                              its export is imported and its surveys sent,
                              the patients answer, and the follow-up's
                              messages go
  answers SEED DIR SURVEYS OUTBOX
                              the answers (token,question,value CSV) of the
                              patients who answer the invitations of
                              SURVEYS (px-survey list output) and the
                              satisfaction checks, links read from OUTBOX
  followups SEED DIR NEGATIVES AFTER
                              for each negative survey of NEGATIVES the
                              staff follow up: "TIME SURVEY USER FLAG NOTE"
                              lines, TIME after AFTER, FLAG resolved or
                              explained, NOTE the rest of the line

DIR holds the due records the imports printed (DIR/due.jsonl), which say
whose each patient id is.  Times are UTC ISO 8601."""
import csv, datetime, json, os, random, sys

UTC = datetime.timezone.utc
START = datetime.datetime(2026, 9, 1, tzinfo=UTC)
DAYS = 77                   # visits to 2026-11-17, imported in weeks
LAST = datetime.datetime(2026, 11, 17, 6, tzinfo=UTC)   # the last week's cron
STORY = datetime.datetime(2026, 11, 24, 16, tzinfo=UTC)  # the end of the demo's own story
VISITS = 700

# Hospital, department, patient type, share of the visits, how satisfied
# its patients are (0..1) and how that moves each month.
DEPARTMENTS = [
    ("KFH", "OPD", "opd", 48, 0.68, +0.06),
    ("KFH", "ER", "ems", 14, 0.62, -0.10),
    ("KFH", "IPD", "inpatient", 7, 0.72, +0.02),
    ("KAMC", "ER", "ems", 8, 0.58, +0.05),
    ("KAMC", "CARD", "opd", 9, 0.82, -0.02),
    ("DGH", "ER", "ems", 5, 0.55, -0.04),
    ("DGH", "OPD", "opd", 6, 0.64, +0.05),
    ("DGH", "DAY", "daycase", 3, 0.76, +0.01),
]
MRN_BASE = {"KFH": 500000, "KAMC": 600000, "DGH": 700000}

FIRST = [("Abdullah", "عبدالله"), ("Mohammed", "محمد"), ("Fahad", "فهد"), ("Saad", "سعد"),
         ("Nasser", "ناصر"), ("Turki", "تركي"), ("Yousef", "يوسف"), ("Ali", "علي"),
         ("Hind", "هند"), ("Nora", "نورة"), ("Amal", "أمل"), ("Lama", "لمى"),
         ("Maha", "مها"), ("Dana", "دانة"), ("Rania", "رانيا"), ("Aisha", "عائشة")]
FAMILY = [("Al-Qahtani", "القحطاني"), ("Al-Otaibi", "العتيبي"), ("Al-Shehri", "الشهري"),
          ("Al-Harbi", "الحربي"), ("Al-Dosari", "الدوسري"), ("Al-Mutairi", "المطيري"),
          ("Al-Zahrani", "الزهراني"), ("Al-Ghamdi", "الغامدي"), ("Al-Anazi", "العنزي"),
          ("Al-Subaie", "السبيعي"), ("Al-Shammari", "الشمري"), ("Al-Malki", "المالكي")]

COMMENTS = {
    "en": ["The wait was far too long and nobody explained why.",
           "The staff at reception were rude to my mother.",
           "I was sent home without my test results.",
           "The room was not clean."],
    "ar": ["كان الانتظار طويلاً جداً ولم يشرح لنا أحد السبب.",
           "موظفو الاستقبال لم يحسنوا معاملة والدتي.",
           "خرجت دون أن أحصل على نتائج الفحوصات.",
           "الغرفة لم تكن نظيفة."],
}
NOTES = {
    "resolved": ["Called the patient, apologised; the clinic reviews its booking of slots",
                 "Called; the department head will see the patient at the next visit",
                 "Called the family; the ward changed the cleaning rota"],
    "explained": ["Called and explained the delay: two emergencies that morning",
                  "Called; explained how results are sent by SMS",
                  "Called the patient; passed the complaint to the nursing manager"],
}
USERS = {"KFH": "kfh_px", "KAMC": "kamc_px", "DGH": "dgh_px"}


def rng(seed, *what):
    return random.Random("|".join([seed] + [str(w) for w in what]))


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def clamp(x, lo=0.0, hi=1.0):
    return max(lo, min(hi, x))


def patient(seed, hospital, i):
    """Patient i of a hospital: who, how to reach, what they prefer."""
    r = rng(seed, "patient", hospital, i)
    first, family = r.choice(FIRST), r.choice(FAMILY)
    mrn = "%s%d" % (hospital, MRN_BASE[hospital] + i)
    n = MRN_BASE[hospital] + i
    p = {"mrn": mrn, "name_en": "%s %s" % (first[0], family[0]),
         "name_ar": "%s %s" % (first[1], family[1]),
         "national_id": "1%09d" % (r.randrange(10 ** 9)),
         "phone": "058%07d" % n if r.random() > 0.04 else "",
         "email": "", "language": "ar" if r.random() < 0.7 else "en",
         "preferred_channel": "whatsapp" if r.random() < 0.3 else "", "optout_sms": ""}
    if r.random() < 0.25:
        p["email"] = "patient%d@example.org" % n
    if p["phone"] and not p["email"] and not p["preferred_channel"] and r.random() < 0.04:
        p["optout_sms"] = "yes"
    return p


def delays():
    """Patient type -> the delays after discharge of its journey's surveys."""
    share = os.environ.get("PX_DATA") or os.path.join(os.path.dirname(__file__), "..")
    units = {"m": 60, "h": 3600, "d": 86400}
    out = {}
    for name in os.listdir(os.path.join(share, "journeys")):
        types, ds = [], []
        with open(os.path.join(share, "journeys", name), encoding="utf-8") as f:
            for line in f:
                k, _, v = line.partition("=")
                words = v.split()
                if k.strip() == "types":
                    types = words
                elif k.strip() == "stage" and "discharge" in words:
                    for w in words:
                        if w.startswith("delay=") and w[-1] in units:
                            ds.append(datetime.timedelta(seconds=int(w[6:-1]) * units[w[-1]]))
        for t in types:
            out[t] = ds
    return out


def visits(seed):
    """Every visit of the history, in arrival order.  A visit whose
    survey would fall due after the last week's cron but during the
    demo's own story is drawn again: the story counts its messages."""
    r = rng(seed, "visits")
    weights = [d[3] for d in DEPARTMENTS]
    after = delays()
    seen = {h: 0 for h in MRN_BASE}
    out = []
    for k in range(VISITS):
        h, d, ptype = r.choices(DEPARTMENTS, weights)[0][:3]
        # one patient in six comes back
        if seen[h] and r.random() < 1 / 6:
            i = r.randrange(seen[h])
        else:
            i, seen[h] = seen[h], seen[h] + 1
        while True:
            day = START + datetime.timedelta(days=r.randrange(DAYS))
            t = day + datetime.timedelta(hours=3 + r.random() * 13)  # 06:00 to 19:00 in Riyadh
            v = (t, k, h, d, ptype, i)
            out_at = events(seed, v)[-1][0]
            end = START + datetime.timedelta(days=DAYS)
            if out_at >= end or not any(LAST < out_at + x <= STORY for x in after.get(ptype, [])):
                break
        out.append(v)
    out.sort()
    return out


def events(seed, v):
    """The HIS events of one visit: (time, event, disposition)."""
    t, k, h, d, ptype, i = v
    r = rng(seed, "events", k)
    hours = datetime.timedelta(hours=1)
    if ptype == "opd":
        return [(t, "register", ""), (t + hours * (1 + 2 * r.random()), "discharge", "01")]
    if ptype == "ems":
        return [(t, "register", ""), (t + hours * (0.5 + r.random()), "transfer", ""),
                (t + hours * (2 + 4 * r.random()), "discharge", "01")]
    if ptype == "daycase":
        return [(t, "admit", ""), (t + hours * 2, "transfer", ""),
                (t + hours * (5 + 2 * r.random()), "discharge", "01")]
    died = r.random() < 0.03
    return [(t, "admit", ""), (t + hours * (20 + 4 * r.random()), "transfer", ""),
            (t + hours * 24 * (2 + 4 * r.random()), "discharge", "41" if died else "01")]


def cmd_weeks(seed, dir):
    rows = []
    for v in visits(seed):
        t, k, h, d, ptype, i = v
        p = patient(seed, h, i)
        for n, (at, ev, disp) in enumerate(events(seed, v)):
            who = [p[f] for f in ("national_id", "name_en", "name_ar", "phone", "email", "language",
                                  "preferred_channel", "optout_sms")] + [""] if n == 0 else [""] * 9
            rows.append((at, ["h%d.%d" % (k, n), ev, iso(at), h, d, "%s-H%04d" % (h, k), ptype,
                              p["mrn"]] + who + [disp]))
    rows.sort(key=lambda x: x[0])
    week, day = START, datetime.timedelta(days=1)
    while week < START + datetime.timedelta(days=DAYS):
        end = week + 7 * day
        with open(os.path.join(dir, "visits-%s.csv" % week.date()), "w", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["event_id", "event", "event_time", "hospital", "department", "visit",
                        "patient_type", "mrn", "national_id", "name_en", "name_ar", "phone", "email",
                        "language", "preferred_channel", "optout_sms", "optout_email", "disposition"])
            for at, row in rows:
                if week <= at < end:
                    w.writerow(row)
        # cron the morning after the week (09:00 in Riyadh); answers the
        # day after; the follow-up's messages before the next week's cron
        cron = end + datetime.timedelta(hours=6)
        print(week.date(), iso(cron), iso(cron + day), iso(cron + 5 * day + datetime.timedelta(hours=8)))
        week = end


def mrns(dir):
    """Patient id -> MRN, from the due records the imports printed."""
    m = {}
    with open(os.path.join(dir, "due.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("type") == "survey.due":
                m[r["patient"]] = r["mrn"]
    return m


def links(outbox, template):
    """Survey id -> the token of its latest link of that kind."""
    t = {}
    with open(outbox, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("type") == "notification" and r.get("template") == template:
                t[r["object"]] = r["vars"]["link"].rsplit("/", 1)[1]
    return t


def templates():
    share = os.environ.get("PX_DATA") or os.path.join(os.path.dirname(__file__), "..")
    out = {}
    for name in os.listdir(os.path.join(share, "surveys")):
        with open(os.path.join(share, "surveys", name), encoding="utf-8") as f:
            t = json.load(f)
        out[t["name"]] = t
    return out


def shown(q, given):
    c = q.get("show_if")
    if not c:
        return True
    v = given.get(c["question"])
    if v is None:
        return False
    want = c["value"]
    if isinstance(want, (int, float)):
        v = float(v)
    return {"eq": v == want, "ne": v != want, "le": v <= want, "lt": v < want,
            "ge": v >= want, "gt": v > want}.get(c["op"], False)


def answer(r, t, s, lang):
    """The answers of a patient as satisfied as s (0..1) to template t."""
    given = {}
    for q in t["questions"]:
        if not shown(q, given):
            continue
        kind = q["type"]
        if kind in ("rating", "likert"):
            v = str(1 + round(4 * clamp(s + r.gauss(0, 0.1))))
        elif kind == "nps":
            v = str(round(clamp(4 + 7 * s + r.gauss(0, 1.4), 0, 10)))
        elif kind == "yes_no":
            v = "yes" if s + r.gauss(0, 0.15) > 0.45 else "no"
        elif kind == "multiple_choice":
            scored = sorted((c for c in q["choices"] if "score" in c), key=lambda c: -c["score"])
            v = scored[0 if s > 0.7 else 1 if s > 0.45 else -1]["value"]
            if len(scored) < len(q["choices"]) and r.random() < 0.1:
                v = [c for c in q["choices"] if "score" not in c][0]["value"]
        elif s < 0.4 and r.random() < 0.5:
            v = r.choice(COMMENTS[lang])
        else:
            continue
        given[q["id"]] = v
    return given


def satisfaction(seed, h, d, month, mrn, template):
    base, drift = next((x[4], x[5]) for x in DEPARTMENTS if x[0] == h and x[1] == d)
    r = rng(seed, "satisfied", mrn, template, month)
    return clamp(base + drift * month + r.gauss(0, 0.2))


def cmd_answers(seed, dir, surveys, outbox):
    who, tokens, tpls = mrns(dir), links(outbox, "survey_invitation"), templates()
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["token", "question", "value"])
    checks(seed, who, outbox, w)
    with open(surveys, encoding="utf-8") as f:
        for line in f:
            sv = json.loads(line)
            mrn, tok = who.get(sv["patient"]), tokens.get(sv["id"])
            if sv.get("status") != "sent" or not mrn or not tok:
                continue
            r = rng(seed, "answers", mrn, sv["template"], sv["sent_at"][:10])
            if r.random() > {"whatsapp": 0.7, "sms": 0.55, "email": 0.45}[sv["channel"]]:
                continue
            month = parse(sv["sent_at"]).month - START.month
            s = satisfaction(seed, sv["hospital"], sv["department"], month, mrn, sv["template"])
            for q, v in answer(r, tpls[sv["template"]], s, sv["language"]).items():
                w.writerow([tok, q, v])


def cmd_followups(seed, dir, negatives, after):
    who, t0, lines = mrns(dir), parse(after), []
    with open(negatives, encoding="utf-8") as f:
        for line in f:
            n = json.loads(line)
            if n.get("type") != "survey.negative":
                continue
            r = rng(seed, "followup", who.get(n["patient"], n["patient"]), n["template"])
            if r.random() > 0.88:
                continue  # still awaiting contact
            # most within a day, some late, a few after the 48 hours
            x = r.random()
            hours = 1 + 23 * r.random() if x < 0.7 else 24 + 23 * r.random() if x < 0.9 else 50 + 50 * r.random()
            flag = "resolved" if r.random() < 0.55 else "explained"
            at = t0 + datetime.timedelta(minutes=round(hours * 60))
            lines.append("%s %s %s %s %s" % (iso(at), n["survey"], USERS[n["hospital"]], flag,
                                             r.choice(NOTES[flag])))
    for line in sorted(lines):
        print(line)


def checks(seed, who, outbox, w):
    """The answers to the satisfaction checks of OUTBOX."""
    pats = {}
    with open(outbox, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("type") == "notification" and r.get("template") == "satisfaction_check":
                pats[r["object"]] = (r["patient"], r["vars"]["link"].rsplit("/", 1)[1])
    for pat, tok in sorted(pats.values(), key=lambda x: who.get(x[0], "")):
        x = rng(seed, "check", who.get(pat, pat)).random()
        if x < 0.92:
            w.writerow([tok, "satisfied", "yes" if x < 0.7 else "no"])


def main(argv):
    cmds = {"weeks": (cmd_weeks, 2), "answers": (cmd_answers, 4),
            "followups": (cmd_followups, 4)}
    if len(argv) < 2 or argv[1] not in cmds or len(argv) - 2 != cmds[argv[1]][1]:
        sys.exit(__doc__)
    cmds[argv[1]][0](*argv[2:])


main(sys.argv)
