import { searchPlaces, parseCoordinates } from '../../src-core/geo/placeSearch';
for (const q of ['Sydney','syd','sao paulo','zurich','Paris','Paris, FR','Paris, US','paris texas','Paris (United States)','new york','newyork','Köln','koln','cologne','munchen','Aurora','aurora, us','london uk','tel aviv','St Petersburg','ho chi minh']) {
  const r = searchPlaces(q, {limit: 4});
  console.log(q, '=>', r.map(x => `${x.name}, ${x.countryCode} (${x.countryName}) ${x.population}`).join(' | '));
}
for (const q of ['40.7, -74.0','-33.9 151.2','33.9S 151.2E','151.2E 33.9S','40.7° N, 74° W','N40.7 W74','95, 10','10, 200','33.9S151.2E','Sydney','K1','12','1 2 3','40.7N 74N','-33.9S 151']) console.log(q, JSON.stringify(parseCoordinates(q)));
