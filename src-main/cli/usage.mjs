// The CLI's help text, in plain JavaScript so that bin/leo-planner.mjs can print it without
// loading TypeScript or the engine (`--help` answers in one Node start-up).
export const USAGE = `usage: leo-planner <command> [options]

commands:
  validate  <scenario.json>                         check a scenario; every problem with its JSON path
  propagate <scenario|tle> --at ISO [--frame teme|ecef] [--limit N]
                                                    satellite positions at one time
  route     <scenario|tle> --from <lat,lon|gateway id> --to <lat,lon|pop id|gateway id|pop>
            [--start ISO] [--duration s] [--step s] [--min-elevation deg] [--max-slant-km km]
            [--no-gateway-relay] [--bent-pipe]      path and latency per step
  route     <scenario|tle> --pairs pairs.csv | --cities <a,b,c | a;b;c | cities.txt> [--to pop]
            [--format csv|ndjson|table] [same window and link options as above]
                                                    many pairs in one run: a CSV with "from" and "to"
                                                    columns, or every ordered pair of a city list;
                                                    places are city names ("Paris", "Paris FR") or "lat,lon"
  analyze   <scenario> [--start ISO] [--duration s] [--step s] [--grid-res n] [--capacity]
                                                    headline coverage and latency figures; --capacity adds
                                                    served Gbps, bottleneck, gateway utilisation (docs/CAPACITY.md)
  optimize  <scenario> --add N [--candidates file.csv] [--min-spacing-km km] [--objective latency|served] [--step s] [--duration s] [--quiet]
                                                    suggest the next N gateways, with a bound on the optimum;
                                                    progress on stderr unless --quiet

every command takes --json for machine-readable output. Negative numbers work as values
(--from -33.9,151.2 or --from=-33.9,151.2).
example files ship in the project's assets/examples/ (kuiper-k1.tle, pairs.csv, cities.txt).`;
