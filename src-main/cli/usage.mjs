// The CLI's help text, in plain JavaScript so that bin/leo-planner.mjs can print it without
// loading TypeScript or the engine (`--help` answers in one Node start-up).
export const USAGE = `usage: leo-planner <command> [options]

commands:
  validate  <scenario.json>                         check a scenario; every problem with its JSON path
  propagate <scenario|tle> --at ISO [--frame teme|ecef] [--limit N]
                                                    satellite positions at one time
  route     <scenario|tle> --from <lat,lon|gateway id> --to <lat,lon|pop id|gateway id|pop>
            [--start ISO] [--duration s] [--step s] [--min-elevation deg] [--max-slant-km km]
            [--no-gateway-relay] [--bent-pipe] [--max-hops N]
                                                    path and latency per step
  route     <scenario|tle> --pairs pairs.csv | --cities <a,b,c | a;b;c | cities.txt> [--to pop]
            [--format csv|ndjson|table] [same window and link options as above]
                                                    many pairs in one run: a CSV with "from" and "to"
                                                    columns, or every ordered pair of a city list;
                                                    places are city names ("Paris", "Paris FR") or "lat,lon"
  analyze   <scenario> [--start ISO] [--duration s] [--step s] [--grid-res n] [--capacity]
            [--no-gateway-relay] [--bent-pipe] [--max-hops N]
                                                    headline coverage and latency figures; --capacity adds
                                                    served Gbps, bottleneck, gateway utilisation (docs/CAPACITY.md)
  optimize  <scenario> --add N [--candidates file.csv] [--min-spacing-km km] [--objective latency|served]
            [--stop-at-saturation] [--step s] [--duration s] [--quiet]
                                                    suggest the next N gateways, with a bound on the optimum;
                                                    served: once demand saturates, the rest for latency
                                                    (--stop-at-saturation: stop there); progress on stderr
                                                    unless --quiet
  rollout   <scenario> [--from DATE] [--to DATE] [--step days]
                                                    rollout series: satellites in orbit / operational, gateways,
                                                    served %, served Gbps, p95 latency per date (docs/ROLLOUT.md)
  import    <file> --into <scenario> -o <out.leo.json>
                                                    add gateways/PoPs (CSV, GeoJSON, KML) or satellites (TLE,
                                                    OMM JSON/XML/KVN); every rejected record with its reason
  export    <scenario> --format csv|geojson|kml|czml|hypatia|report -o <path> [--start ISO]
            [--duration s] [--step s] [--from lat,lon --to lat,lon]
                                                    gateways, CZML (satellites, lasers, gateways, a path),
                                                    Hypatia state files (-o is a folder), report CSV
  report    <scenario> -o <out.pdf> [--csv out.csv] [--capacity] [--rollout] [analyze's window options]
                                                    the planning report as PDF (headline figures, charts,
                                                    per-gateway table; no globe snapshot) and CSV (docs/REPORT.md)

  diff      <a.leo.json> <b.leo.json>               gateways/PoPs added, removed, moved (km), edited; assumptions changed
  merge     <base> <ours> <theirs> -o <out> [--ours|--theirs]
                                                    three-way merge; exit 1 with the conflict list when unresolved
  convert   <in> <out>                              by out's extension: .leo.json scenario (current format), .tle, .json / .xml OMM

routing options (route and analyze; default: the scenario's routing settings, docs/ROUTING.md):
  --no-gateway-relay  no path goes down to a gateway and up again
  --bent-pipe         no laser links: user -> satellite -> gateway
  --max-hops N        at most N satellites on a route (1..1000)

every command takes --json for machine-readable output. Negative numbers work as values
(--from -33.9,151.2 or --from=-33.9,151.2).
example files ship in the project's assets/examples/ (kuiper-k1.tle, pairs.csv, cities.txt).`;
