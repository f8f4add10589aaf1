#!/usr/bin/env python3
"""tests/lib/privacy.py WORK TOP - the privacy scan of a finished test run.

WORK is the runner's directory: WORK/manifest lists the tests (index,
kind, build label, name, tab-separated) and WORK/INDEX.d is the directory
each ran in, left in place for this scan.  TOP is the source tree.

The identifiers looked for are those of the fixtures and of the stores
the tests made:
  national ids  ten digits starting 1 or 2 in the fixtures, the cases'
                scripts and the sample data, but for numbers px's own
                source writes (limits); px keeps them only as a keyed hash
                and a masked tail, so none may be in a store at all
  phones        the fixtures' and the stores' Saudi mobile numbers, in any
                of their forms (05..., 5..., 9665..., +9665...)
  MRNs          patients.mrn of every store (four characters or more, with
                a digit, matched as whole words)
  tokens        the survey tokens of every link the tests saw
                (.../s/TOKEN): no token may be in a store, in any form
It then reads every captured standard error and log of every test (a
case's stderr, and any file whose name says err or log) and every SQLite
store (its text, and its blobs that are UTF-8 text), and prints TAP lines, unnumbered as the runner's are:
  ok - privacy: ...
  not ok - privacy: ...  with the test, the file and the masked value
A hit in a store is allowed only in a column tests/privacy.allow names for
that kind of identifier; a hit in a log only where the same file names
the test (a glob) and the kind, with its reason.
"""
import fnmatch
import os
import re
import sqlite3
import sys

NATID = re.compile(r'(?<![0-9])[12][0-9]{9}(?![0-9])')
PHONE = re.compile(r'(?<![0-9])(?:\+?966|00966|0)?5[0-9]{8}(?![0-9])')
DIGITS = re.compile(r'(?<![0-9])\+?[0-9]{9,14}(?![0-9])')
WORD = re.compile(r'[A-Za-z0-9_-]+')
LINK = re.compile(r'/s/([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])')
LOGNAME = re.compile(r'(err|log)', re.I)
SOURCES = ('tests/fixtures', 'tests/cases', 'share/px/examples')


def mask(s):
    return '*' * max(len(s) - 4, 0) + s[-4:] if len(s) > 4 else '*' * len(s)


def phone_core(s):
    d = s.lstrip('+')
    for p in ('00966', '966', '0'):
        if d.startswith(p) and len(d) - len(p) == 9:
            return d[len(p):]
    return d if len(d) == 9 and d.startswith('5') else None


def is_store(path):
    try:
        with open(path, 'rb') as f:
            return f.read(16) == b'SQLite format 3\x00'
    except OSError:
        return False


def read_text(path, limit=64 << 20):
    try:
        with open(path, 'rb') as f:
            return f.read(limit).decode('utf-8', 'replace')
    except OSError:
        return ''


class Ids:
    def __init__(self):
        self.natid, self.phone, self.mrn, self.token = set(), set(), set(), set()

    def from_text(self, text):
        self.natid.update(NATID.findall(text))
        for m in PHONE.findall(text):
            self.phone.add(phone_core(m))
        self.token.update(LINK.findall(text))

    def hits(self, text):
        """(kind, value) of each identifier in text"""
        out = []
        for m in DIGITS.findall(text):
            if m in self.natid:
                out.append(('natid', m))
            elif phone_core(m) in self.phone:
                out.append(('phone', m))
        for w in WORD.findall(text):
            if w in self.mrn:
                out.append(('mrn', w))
            elif len(w) == 32 and w in self.token:
                out.append(('token', w))
        return out


def load_allow(path):
    cols, logs = {}, []
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        f = line.split(None, 3)
        if len(f) < 3 or f[0] not in ('column', 'log'):
            sys.exit(f'{path}:{n}: expected "column KIND TABLE.COLUMN" or "log KIND TESTGLOB"')
        if f[0] == 'column':
            cols.setdefault(f[1], set()).add(f[2])
        else:
            logs.append((f[1], f[2]))
    return cols, logs


def walk(top):
    for d, dirs, files in os.walk(top):
        dirs[:] = [x for x in dirs if x not in ('chromium-profile', 'node_modules')]
        for f in files:
            p = os.path.join(d, f)
            if os.path.isfile(p) and not os.path.islink(p):
                yield p


def store_rows(path):
    """(table.column, text) of every non-empty value of a store"""
    try:
        db = sqlite3.connect(f'file:{path}?mode=ro&immutable=1', uri=True)
        db.text_factory = lambda b: b.decode('utf-8', 'replace')
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for t in tables:
            cur = db.execute(f'SELECT * FROM "{t}"')
            names = [c[0] for c in cur.description]
            for row in cur:
                for c, v in zip(names, row):
                    if v is None or isinstance(v, (int, float)):
                        continue
                    if isinstance(v, bytes):
                        try:    # a text attachment; random bytes would match short MRNs
                            v = v.decode('utf-8')
                        except UnicodeDecodeError:
                            continue
                    yield f'{t}.{c}', v
        db.close()
    except sqlite3.DatabaseError:
        return


def main():
    work, top = sys.argv[1], sys.argv[2]
    allow = sys.argv[3] if len(sys.argv) > 3 else os.path.join(top, 'tests/privacy.allow')
    cols, logs = load_allow(allow)
    tests = []
    for line in open(os.path.join(work, 'manifest'), encoding='utf-8'):
        i, kind, label, name = line.rstrip('\n').split('\t')
        d = os.path.join(work, i + '.d')
        if os.path.isdir(d):
            tests.append((d, kind, label, name))

    ids = Ids()
    for s in SOURCES:
        base = os.path.join(top, s)
        if os.path.isfile(base):
            ids.from_text(read_text(base))
        for p in walk(base) if os.path.isdir(base) else ():
            if not is_store(p):
                ids.from_text(read_text(p))
    # a number px itself writes (a limit in a message) is no national id
    for s in ('lib', 'cmd'):
        for p in walk(os.path.join(top, s)):
            if p.endswith(('.c', '.h')):
                ids.natid.difference_update(NATID.findall(read_text(p)))
    stores, logfiles = [], []
    for d, kind, label, name in tests:
        for p in walk(d):
            rel = os.path.relpath(p, d)
            if is_store(p):
                if label == 'plain' or kind == 'script':
                    stores.append((name, label, p, rel))
                continue
            text = None
            base = os.path.basename(p)
            if (kind == 'case' and rel == '.err') or (LOGNAME.search(base) and not base.startswith('.case.')):
                text = read_text(p)
                logfiles.append((name, label, rel, text))
            if base.startswith('.case.'):
                continue          # a case's expected output: its .err is read
            ids.token.update(LINK.findall(text if text is not None else read_text(p)))
    for name, label, p, rel in stores:
        try:
            db = sqlite3.connect(f'file:{p}?mode=ro&immutable=1', uri=True)
            for (m,) in db.execute('SELECT mrn FROM patients'):
                if m and len(m) >= 4 and any(ch.isdigit() for ch in m):
                    ids.mrn.add(m)
            for (ph,) in db.execute('SELECT phone FROM patients WHERE phone IS NOT NULL'):
                c = phone_core(ph)
                if c:
                    ids.phone.add(c)
            db.close()
        except sqlite3.DatabaseError:
            pass
    ids.phone.discard(None)

    # a finding is grouped by what was found where: the kind and the
    # column, or the kind in a log; the first tests that showed it named
    bad = {}

    def found(key, test):
        bad.setdefault(key, []).append(test)

    for name, label, rel, text in logfiles:
        for kind, v in set(ids.hits(text)):
            if any(k == kind and fnmatch.fnmatchcase(name, g) for k, g in logs):
                continue
            found(f'{kind} in a log', f'{name} [{label}] {rel}: {mask(v)}')
    nstore = 0
    for name, label, p, rel in stores:
        nstore += 1
        seen = set()
        for col, v in store_rows(p):
            for kind, x in ids.hits(v):
                if col in cols.get(kind, ()) or (kind, col) in seen:
                    continue
                seen.add((kind, col))
                found(f'{kind} in {col}', f'{name} [{label}] {rel}: {mask(x)}')
    counts = (f'{len(ids.natid)} national ids, {len(ids.phone)} phones, '
              f'{len(ids.mrn)} MRNs, {len(ids.token)} tokens')
    head = (f'privacy: {len(logfiles)} logs and {nstore} stores of {len(tests)} tests '
            f'hold no identifier out of its place ({counts})')
    if not ids.natid or not ids.phone or not ids.mrn or not ids.token:
        print(f'not ok - {head}')
        print('#   the scan found no identifiers of some kind to look for: it would prove nothing')
    elif bad:
        print(f'not ok - {head}')
        for key in sorted(bad):
            t = bad[key]
            print(f'#   {key}: {len(t)} times, first {t[0]}')
            for x in t[1:3]:
                print(f'#     also {x}')
    else:
        print(f'ok - {head}')


if __name__ == '__main__':
    main()
