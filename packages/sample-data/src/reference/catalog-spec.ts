/**
 * The product catalog's shape: AdventureWorks' 4 categories and 37 subcategories with its product counts
 * (295 finished goods of 504 products), and model families, colours, sizes and price ranges written for this
 * generator. `lines` is the subcategory's relative share of order lines; `online` whether individuals buy it.
 */
export interface SubcategorySpec {
  name: string;
  code: string;
  count: number;
  families: string[];
  colors: (string | null)[];
  sizes: (string | null)[];
  price: [number, number];
  lines: number;
  online: boolean;
}
export interface CategorySpec { name: string; returnRate: number; costRatio: number; subcategories: SubcategorySpec[] }

const BIKE_SIZES = ['38', '40', '42', '44', '46', '48', '50', '52', '54', '56', '58', '60', '62'];
const FRAME_SIZES = ['38', '40', '42', '44', '46', '48', '50', '52', '54', '56', '58', '60', '62'];
const WEAR_SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const sub = (
  name: string, code: string, count: number, families: string[], price: [number, number], lines: number,
  online = false, colors: (string | null)[] = [null], sizes: (string | null)[] = [null],
): SubcategorySpec => ({ name, code, count, families, colors, sizes, price, lines, online });

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: 'Bikes', returnRate: 0.012, costRatio: 0.56, subcategories: [
      sub('Mountain Bikes', 'BK-M', 32, ['Summit-100', 'Summit-200', 'Ridge-300', 'Trail-400-W', 'Trail-500'],
        [540, 3400], 110, true, ['Black', 'Silver', 'Red'], BIKE_SIZES),
      sub('Road Bikes', 'BK-R', 43, ['Velo-150', 'Velo-250', 'Velo-350-W', 'Velo-550-W', 'Velo-650', 'Velo-750'],
        [540, 3580], 130, true, ['Red', 'Black', 'Yellow'], BIKE_SIZES),
      sub('Touring Bikes', 'BK-T', 22, ['Tour-1000', 'Tour-2000', 'Tour-3000'],
        [740, 2380], 60, true, ['Blue', 'Yellow'], BIKE_SIZES),
    ],
  },
  {
    name: 'Components', returnRate: 0.035, costRatio: 0.48, subcategories: [
      sub('Handlebars', 'HB', 8, ['LL Mountain Handlebars', 'ML Mountain Handlebars', 'HL Mountain Handlebars',
        'LL Road Handlebars', 'ML Road Handlebars', 'HL Road Handlebars', 'LL Touring Handlebars',
        'HL Touring Handlebars'], [44, 121], 14),
      sub('Bottom Brackets', 'BB', 3, ['LL Bottom Bracket', 'ML Bottom Bracket', 'HL Bottom Bracket'], [53, 121], 6),
      sub('Brakes', 'BR', 2, ['Front Brakes', 'Rear Brakes'], [106, 106], 8),
      sub('Chains', 'CH', 1, ['Chain'], [20, 20], 5),
      sub('Cranksets', 'CS', 3, ['LL Crankset', 'ML Crankset', 'HL Crankset'], [175, 404], 6),
      sub('Derailleurs', 'DE', 2, ['Front Derailleur', 'Rear Derailleur'], [91, 121], 8),
      sub('Forks', 'FK', 3, ['LL Fork', 'ML Fork', 'HL Fork'], [148, 229], 6),
      sub('Headsets', 'HS', 3, ['LL Headset', 'ML Headset', 'HL Headset'], [34, 124], 6),
      sub('Mountain Frames', 'FR-M', 28, ['LL Mountain Frame -', 'ML Mountain Frame -', 'HL Mountain Frame -'],
        [249, 1365], 40, false, ['Black', 'Silver'], FRAME_SIZES),
      sub('Pedals', 'PD', 7, ['LL Mountain Pedal', 'ML Mountain Pedal', 'HL Mountain Pedal', 'LL Road Pedal',
        'ML Road Pedal', 'HL Road Pedal', 'Touring Pedal'], [40, 81], 10),
      sub('Road Frames', 'FR-R', 33, ['LL Road Frame -', 'ML Road Frame -', 'HL Road Frame -'],
        [337, 1432], 45, false, ['Black', 'Red'], FRAME_SIZES),
      sub('Saddles', 'SE', 9, ['LL Mountain Seat', 'ML Mountain Seat', 'HL Mountain Seat', 'LL Road Seat',
        'ML Road Seat', 'HL Road Seat', 'LL Touring Seat', 'ML Touring Seat', 'HL Touring Seat'], [27, 53], 10),
      sub('Touring Frames', 'FR-T', 18, ['LL Touring Frame -', 'HL Touring Frame -'],
        [333, 1003], 20, false, ['Blue', 'Yellow'], FRAME_SIZES),
      sub('Wheels', 'WH', 14, ['LL Mountain Front Wheel', 'ML Mountain Front Wheel', 'HL Mountain Front Wheel',
        'LL Mountain Rear Wheel', 'ML Mountain Rear Wheel', 'HL Mountain Rear Wheel', 'LL Road Front Wheel',
        'ML Road Front Wheel', 'HL Road Front Wheel', 'LL Road Rear Wheel', 'ML Road Rear Wheel',
        'HL Road Rear Wheel', 'Touring Front Wheel', 'Touring Rear Wheel'], [61, 330], 24),
    ],
  },
  {
    name: 'Clothing', returnRate: 0.07, costRatio: 0.38, subcategories: [
      sub('Bib-Shorts', 'SB', 3, ['Team Bib-Shorts'], [90, 90], 8, false, [null], ['S', 'M', 'L']),
      sub('Caps', 'CA', 1, ['Cycling Cap'], [9, 9], 20, true),
      sub('Gloves', 'GL', 6, ['Half-Finger Gloves', 'Full-Finger Gloves'], [24, 38], 18, true, [null], ['S', 'M', 'L']),
      sub('Jerseys', 'LJ', 8, ['Short-Sleeve Classic Jersey', 'Long-Sleeve Logo Jersey'], [50, 54], 35, true,
        [null], ['S', 'M', 'L', 'XL']),
      sub('Shorts', 'SH', 7, ["Men's Sports Shorts", "Women's Mountain Shorts"], [60, 70], 14, true, [null], WEAR_SIZES),
      sub('Socks', 'SO', 4, ['Racing Socks', 'Mountain Bike Socks'], [9, 10], 12, true, [null], ['M', 'L']),
      sub('Tights', 'TG', 3, ["Women's Tights"], [75, 75], 4, false, [null], ['S', 'M', 'L']),
      sub('Vests', 'VE', 3, ['Classic Vest'], [64, 64], 6, true, [null], ['S', 'M', 'L']),
    ],
  },
  {
    name: 'Accessories', returnRate: 0.02, costRatio: 0.37, subcategories: [
      sub('Bike Racks', 'RA', 1, ['Hitch Rack - 4-Bike'], [120, 120], 4, true),
      sub('Bike Stands', 'ST', 1, ['All-Purpose Bike Stand'], [159, 159], 2, true),
      sub('Bottles and Cages', 'BC', 3, ['Water Bottle - 30 oz.', 'Mountain Bottle Cage', 'Road Bottle Cage'],
        [5, 10], 60, true),
      sub('Cleaners', 'CL', 1, ['Bike Wash - Dissolver'], [8, 8], 10, true),
      sub('Fenders', 'FE', 1, ['Fender Set - Mountain'], [22, 22], 12, true),
      sub('Helmets', 'HL', 3, ['Sport-100 Helmet'], [35, 35], 60, true, ['Red', 'Black', 'Blue']),
      sub('Hydration Packs', 'HY', 1, ['Hydration Pack - 70 oz.'], [55, 55], 8, true),
      sub('Lights', 'LT', 3, ['Headlights - Dual-Beam', 'Headlights - Weatherproof', 'Taillights - Battery-Powered'],
        [14, 45], 2, false),
      sub('Locks', 'LO', 1, ['Cable Lock'], [25, 25], 3, false),
      sub('Panniers', 'PA', 1, ['Touring-Panniers, Large'], [125, 125], 2, false),
      sub('Pumps', 'PU', 2, ['Minipump', 'Mountain Pump'], [20, 25], 4, false),
      sub('Tires and Tubes', 'TT', 11, ['Patch Kit/8 Patches', 'Mountain Tire Tube', 'Road Tire Tube',
        'Touring Tire Tube', 'LL Mountain Tire', 'ML Mountain Tire', 'HL Mountain Tire', 'LL Road Tire',
        'ML Road Tire', 'HL Road Tire', 'Touring Tire'], [2, 35], 90, true),
    ],
  },
];

/** Parts that are made or bought but never sold (no subcategory, list price 0), as AdventureWorks has 209. */
export const PART_NOUNS: readonly string[] = [
  'Hex Nut', 'Lock Washer', 'Flat Washer', 'Thin-Jam Hex Nut', 'Chainring Bolts', 'Chainring Nut', 'Cone-Shaped Race',
  'Crown Race', 'Bearing Ball', 'Headset Ball Bearings', 'Blade', 'Fork End', 'Freewheel', 'Hub Cover', 'Lock Nut',
  'Metal Plate', 'Spokes', 'Stem', 'Seat Lug', 'Seat Stays', 'Seat Tube', 'Top Tube', 'Down Tube', 'Tension Pulley',
  'Guide Pulley', 'Rim', 'Decal', 'Reflector', 'Steerer', 'Pinch Bolt',
];
export const NON_SELLABLE_COUNT = 209;
