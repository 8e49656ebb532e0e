/**
 * Countries, territories, states and cities. Written for this generator from public geography (not copied from
 * AdventureWorks); the customer mix is weighted like AdventureWorks' (US west coast, Australia, Canada, Europe).
 */
export interface Territory { id: number; name: string; country: string; group: string }
export interface State { code: string; country: string; name: string; territoryId: number; weight: number; cities: string[] }

export const TERRITORIES: readonly Territory[] = [
  { id: 1, name: 'Northwest', country: 'US', group: 'North America' },
  { id: 2, name: 'Northeast', country: 'US', group: 'North America' },
  { id: 3, name: 'Central', country: 'US', group: 'North America' },
  { id: 4, name: 'Southwest', country: 'US', group: 'North America' },
  { id: 5, name: 'Southeast', country: 'US', group: 'North America' },
  { id: 6, name: 'Canada', country: 'CA', group: 'North America' },
  { id: 7, name: 'France', country: 'FR', group: 'Europe' },
  { id: 8, name: 'Germany', country: 'DE', group: 'Europe' },
  { id: 9, name: 'Australia', country: 'AU', group: 'Pacific' },
  { id: 10, name: 'United Kingdom', country: 'GB', group: 'Europe' },
];

export const COUNTRIES: readonly [string, string][] = [
  ['AR', 'Argentina'], ['AT', 'Austria'], ['AU', 'Australia'], ['BE', 'Belgium'], ['BR', 'Brazil'],
  ['CA', 'Canada'], ['CH', 'Switzerland'], ['CN', 'China'], ['DE', 'Germany'], ['DK', 'Denmark'],
  ['ES', 'Spain'], ['FI', 'Finland'], ['FR', 'France'], ['GB', 'United Kingdom'], ['IE', 'Ireland'],
  ['IN', 'India'], ['IT', 'Italy'], ['JP', 'Japan'], ['MX', 'Mexico'], ['NL', 'Netherlands'],
  ['NO', 'Norway'], ['NZ', 'New Zealand'], ['PT', 'Portugal'], ['SE', 'Sweden'], ['US', 'United States'],
];

// code|name|territory|weight|cities (weights: relative share of customers within the whole world)
const STATE_SPEC = `
WA|Washington|1|95|Seattle;Spokane;Tacoma;Bellevue;Everett;Redmond;Bellingham;Olympia
OR|Oregon|1|55|Portland;Salem;Eugene;Beaverton;Corvallis;Bend
ID|Idaho|1|3|Boise;Idaho Falls
MT|Montana|1|2|Billings;Missoula
WY|Wyoming|1|1|Cheyenne;Casper
AK|Alaska|1|1|Anchorage;Juneau
CA|California|4|190|Los Angeles;San Diego;San Francisco;San Jose;Sacramento;Oakland;Berkeley;Santa Cruz;Burbank;Long Beach;Fresno;Irvine
NV|Nevada|4|3|Las Vegas;Reno
AZ|Arizona|4|4|Phoenix;Tucson;Scottsdale
UT|Utah|4|3|Salt Lake City;Provo
NM|New Mexico|4|1|Albuquerque;Santa Fe
CO|Colorado|4|4|Denver;Boulder;Colorado Springs
TX|Texas|4|8|Austin;Dallas;Houston;San Antonio
HI|Hawaii|4|1|Honolulu;Hilo
ND|North Dakota|3|1|Fargo
SD|South Dakota|3|1|Sioux Falls
NE|Nebraska|3|1|Omaha;Lincoln
KS|Kansas|3|1|Wichita
OK|Oklahoma|3|1|Tulsa;Oklahoma City
MN|Minnesota|3|3|Minneapolis;Saint Paul;Duluth
IA|Iowa|3|1|Des Moines
MO|Missouri|3|2|Saint Louis;Kansas City
WI|Wisconsin|3|2|Milwaukee;Madison
IL|Illinois|3|4|Chicago;Naperville;Springfield
MI|Michigan|3|2|Detroit;Ann Arbor;Grand Rapids
IN|Indiana|3|1|Indianapolis
OH|Ohio|3|2|Columbus;Cleveland;Cincinnati
ME|Maine|2|1|Portland;Bangor
NH|New Hampshire|2|1|Concord;Nashua
VT|Vermont|2|1|Burlington
MA|Massachusetts|2|3|Boston;Cambridge;Worcester
RI|Rhode Island|2|1|Providence
CT|Connecticut|2|1|Hartford;New Haven
NY|New York|2|5|New York;Buffalo;Rochester;Albany
NJ|New Jersey|2|2|Newark;Princeton
PA|Pennsylvania|2|2|Philadelphia;Pittsburgh
DE|Delaware|2|1|Wilmington
MD|Maryland|2|1|Baltimore;Annapolis
DC|District of Columbia|2|1|Washington
VA|Virginia|5|2|Richmond;Arlington;Norfolk
WV|West Virginia|5|1|Charleston
KY|Kentucky|5|1|Louisville;Lexington
TN|Tennessee|5|1|Nashville;Memphis
NC|North Carolina|5|2|Charlotte;Raleigh
SC|South Carolina|5|1|Columbia
GA|Georgia|5|2|Atlanta;Savannah
FL|Florida|5|4|Miami;Orlando;Tampa;Jacksonville
AL|Alabama|5|1|Birmingham
MS|Mississippi|5|1|Jackson
LA|Louisiana|5|1|New Orleans;Baton Rouge
AR|Arkansas|5|1|Little Rock
BC|British Columbia|6|75|Vancouver;Victoria;Burnaby;Surrey;Richmond;Langley;Kelowna
AB|Alberta|6|6|Calgary;Edmonton
ON|Ontario|6|14|Toronto;Ottawa;Mississauga;Hamilton;London;Kingston
QC|Quebec|6|4|Montreal;Quebec City
MB|Manitoba|6|1|Winnipeg
SK|Saskatchewan|6|1|Regina;Saskatoon
NS|Nova Scotia|6|1|Halifax
NB|New Brunswick|6|1|Moncton
NSW|New South Wales|9|80|Sydney;Newcastle;Wollongong;Parramatta;Gosford
VIC|Victoria|9|50|Melbourne;Geelong;Ballarat;Bendigo
QLD|Queensland|9|35|Brisbane;Gold Coast;Townsville;Cairns
SA|South Australia|9|8|Adelaide
TAS|Tasmania|9|5|Hobart;Launceston
WA|Western Australia|9|8|Perth;Fremantle
ENG|England|10|70|London;Birmingham;Manchester;Bristol;Leeds;Oxford;Cambridge;York;Liverpool
SCT|Scotland|10|14|Edinburgh;Glasgow;Aberdeen
WLS|Wales|10|6|Cardiff;Swansea
75|Seine (Paris)|7|40|Paris
92|Hauts de Seine|7|15|Boulogne-Billancourt;Nanterre;Colombes
69|Rhone|7|10|Lyon;Villeurbanne
13|Bouches du Rhone|7|8|Marseille;Aix-en-Provence
59|Nord|7|10|Lille;Roubaix
31|Haute Garonne|7|6|Toulouse
33|Gironde|7|5|Bordeaux
44|Loire Atlantique|7|4|Nantes
BY|Bayern|8|28|Munich;Nuremberg;Augsburg
HE|Hessen|8|22|Frankfurt;Wiesbaden;Kassel
NW|Nordrhein-Westfalen|8|24|Cologne;Dusseldorf;Dortmund;Essen;Bonn
HH|Hamburg|8|14|Hamburg
BB|Brandenburg|8|6|Potsdam
SL|Saarland|8|5|Saarbrucken
BW|Baden-Wurttemberg|8|8|Stuttgart;Heidelberg;Freiburg
`;

const COUNTRY_OF_TERRITORY = new Map(TERRITORIES.map((t) => [t.id, t.country]));

export const STATES: readonly State[] = STATE_SPEC.trim()
  .split('\n')
  .map((line) => {
    const [code, name, territory, weight, cities] = line.split('|') as [string, string, string, string, string];
    const territoryId = Number(territory);
    return {
      code, name, territoryId, weight: Number(weight), cities: cities.split(';'),
      country: COUNTRY_OF_TERRITORY.get(territoryId) as string,
    };
  });

export const STREETS: readonly string[] = [
  'Oak', 'Maple', 'Pine', 'Cedar', 'Elm', 'Lake', 'Hill', 'River', 'Park', 'Sunset', 'Highland', 'Valley',
  'Mill', 'Church', 'Bay', 'Ridge', 'Forest', 'Meadow', 'Spring', 'Harbor', 'Willow', 'Orchard', 'Station',
  'Mountain', 'Vista', 'Canyon', 'Summit', 'Garden', 'College', 'Market',
];
export const STREET_KINDS: readonly string[] = ['St.', 'Ave.', 'Rd.', 'Dr.', 'Ln.', 'Ct.', 'Blvd.', 'Way', 'Pl.'];
