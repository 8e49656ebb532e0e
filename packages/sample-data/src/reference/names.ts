/** Name parts for people and stores, written for this generator. */
export const FIRST_NAMES: readonly string[] = `James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Donald
Sandra Steven Ashley Paul Kimberly Andrew Emily Joshua Donna Kenneth Michelle Kevin Carol Brian Amanda George Melissa
Edward Deborah Ronald Stephanie Timothy Rebecca Jason Laura Jeffrey Sharon Ryan Cynthia Jacob Kathleen Gary Amy
Nicholas Shirley Eric Angela Jonathan Helen Stephen Anna Larry Brenda Justin Pamela Scott Nicole Brandon Emma Benjamin
Samantha Samuel Katherine Gregory Christine Frank Debra Alexander Rachel Raymond Catherine Patrick Carolyn Jack Janet
Dennis Ruth Jerry Maria Tyler Heather Aaron Diane Jose Virginia Adam Julie Henry Joyce Nathan Victoria Douglas Olivia
Zachary Kelly Peter Christina Kyle Lauren Walter Joan Ethan Evelyn Jeremy Judith Harold Megan Keith Cheryl Christian
Andrea Roger Hannah Noah Martha Gerald Jacqueline Carl Frances Terry Gloria Sean Ann Austin Teresa Arthur Kathryn
Lawrence Sara Jesse Janice Dylan Jean Bryan Alice Joe Madison Jordan Doris Billy Abigail Bruce Julia Albert Judy
Willie Grace Gabriel Denise Logan Amber Alan Marilyn Juan Beverly Wayne Danielle Roy Theresa Ralph Sophia Randy Marie
Eugene Diana Vincent Brittany Russell Natalie Elijah Isabella Louis Charlotte Bobby Rose Philip Alexis Johnny Kayla
Lucas Mateo Hugo Chloe Louise Camille Lukas Leon Felix Mia Lena Jasper Ruby Oscar Isla Mason Harper Liam Zoe Aiden`
  .split(/\s+/);

export const LAST_NAMES: readonly string[] = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez
Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez
Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker
Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes
Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim
Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders
Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes
Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West
Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison
Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson
Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black
Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto
Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley
Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins
Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Dubois Laurent Bernard Moreau
Lefebvre Leroy Roux Fournier Muller Schneider Fischer Weber Becker Schulz Koch Richter Klein Wolf Schroder Neumann
Zimmermann Braun Kruger Hartmann Lange Werner Krause Lehmann Kaiser Fuchs Scholz Vogel`
  .split(/\s+/);

export const TITLES: readonly string[] = ['Mr.', 'Ms.', 'Mrs.', 'Sr.', 'Sra.'];
export const SUFFIXES: readonly string[] = ['Jr.', 'Sr.', 'II', 'III'];

export const STORE_FIRST: readonly string[] = `Riverside Mountain Valley Coastal Urban Downtown Summit Northern Southern
Eastside Westside Pacific Atlantic Golden Silver Blue Green Red Rapid Swift Precision Reliable Premier Classic Modern
Family Village Metro Country Central Pioneer Frontier Trail Peak Harbor Lakeside Canyon Prairie Cascade Alpine Sunny
Two-Wheel Chain Gear Spoke Pedal Cycle Velocity Momentum Freedom Liberty Heritage Vintage Active Outdoor Sport`
  .split(/\s+/);
export const STORE_SECOND: readonly string[] = `Bike Cycle Bicycle Sport Sporting Outdoor Wheel Ride Touring Racing
Recreation Fitness Adventure Trail Road Mountain`.split(/\s+/);
export const STORE_THIRD: readonly string[] = `Shop Store Company Supply Outlet Emporium Warehouse Depot Center Works
Specialists Goods Rentals Repair Distributors Wholesale Boutique Exchange Traders Merchants`.split(/\s+/);

export const REVIEW_COMMENTS: readonly string[] = [
  'Comfortable on long rides and well made.',
  'Good value for the price; shipping was quick.',
  'Fits as expected, though the sizing runs a little small.',
  'Solid build quality. Would buy again.',
  'Works, but the finish scratched within a week.',
  'Light, stiff and fast. Exactly what I wanted.',
];
