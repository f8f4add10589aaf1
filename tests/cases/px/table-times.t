-o table (and only -o table) shows times in the display zone, Asia/Riyadh by default, as '2026-11-23 12:00 +03' (seconds when not zero, the offset's minutes when not zero); CSV and JSON Lines keep UTC; the time zone of px.conf applies; a value that is not a whole time with Z or an offset, or is not a string, is left as it is.
### cmd
px init
px org load -o table < notes.jsonl; code
px org load -o csv < notes.jsonl
px org load < notes.jsonl | head -1
printf '[time]\nzone = Asia/Kolkata\n' > px.conf
px org load -o table < notes.jsonl | head -3
### file notes.jsonl
{"type":"note","at":"2026-11-23T09:00:00Z","due_at":"2026-11-23T09:00:07Z","other":"2026-11-23T12:00:00+03:00"}
{"type":"note","at":"2026-11-23T21:30:00.250Z","due_at":"2026-11-23","other":"2026-11-23T09:00:00"}
{"type":"note","at":"2026-11-23T09:00:00Zx","due_at":20261123,"other":"at 2026-11-23T09:00:00Z"}
### stdout
AT                     DUE_AT                   OTHER
2026-11-23 12:00 +03   2026-11-23 12:00:07 +03  2026-11-23 12:00 +03
2026-11-24 00:30 +03   2026-11-23               2026-11-23T09:00:00
2026-11-23T09:00:00Zx  20261123                 at 2026-11-23T09:00:00Z
exit 0
type,at,due_at,other
note,2026-11-23T09:00:00Z,2026-11-23T09:00:07Z,2026-11-23T12:00:00+03:00
note,2026-11-23T21:30:00.250Z,2026-11-23,2026-11-23T09:00:00
note,2026-11-23T09:00:00Zx,20261123,at 2026-11-23T09:00:00Z
{"type":"note","at":"2026-11-23T09:00:00Z","due_at":"2026-11-23T09:00:07Z","other":"2026-11-23T12:00:00+03:00"}
AT                       DUE_AT                      OTHER
2026-11-23 14:30 +05:30  2026-11-23 14:30:07 +05:30  2026-11-23 14:30 +05:30
2026-11-24 03:00 +05:30  2026-11-23                  2026-11-23T09:00:00
