// Names as calendars and directories write them, read as a person would write them and greeted
// as a note would greet them. Cases beyond the people/ fixtures: other scripts and orders,
// other directory habits, and what must not pass for a name.
import { describe, expect, it } from "vitest";
import { givenNameByAddress, nameFromAddress, personName } from "../../src/names/person-name";

describe("personName", () => {
  it.each([
    // Directories write "Last, First"; particles and suffixes stay where the person puts them.
    ["Nakamura, Kenji", "Kenji Nakamura", "Kenji"],
    ["de la Cruz, Ana", "Ana de la Cruz", "Ana"],
    ["Whitfield III, James", "James Whitfield III", "James"],
    ["García Márquez, Gabriel", "Gabriel García Márquez", "Gabriel"],
    ["Van Houten, Milhouse", "Milhouse Van Houten", "Milhouse"],
    ["Müller, Jürgen", "Jürgen Müller", "Jürgen"],
    ["Bernd van der Berg", "Bernd van der Berg", "Bernd"],
    ["Mohammed bin Salman", "Mohammed bin Salman", "Mohammed"],
    // Titles, honorifics and degrees are not part of the name; generational suffixes are.
    ["Dr. Amara Okonkwo, MBA", "Amara Okonkwo", "Amara"],
    ["Prof. Linda Hsu, MBA", "Linda Hsu", "Linda"],
    ["Hsu, Linda (Prof.)", "Linda Hsu", "Linda"],
    ["Herr Dr. Jürgen Schmidt", "Jürgen Schmidt", "Jürgen"],
    // German and Austrian degrees written after the title, or before the name.
    ["Dr. med. Anna Müller", "Anna Müller", "Anna"],
    ["Prof. Dr. rer. nat. Jan Weber", "Jan Weber", "Jan"],
    ["Dr. med. dent. Karl Braun", "Karl Braun", "Karl"],
    ["Dipl.-Ing. Eva Huber", "Eva Huber", "Eva"],
    ["Mag. Lena Gruber", "Lena Gruber", "Lena"],
    ["Ms. Priya Raman-Iyer", "Priya Raman-Iyer", "Priya"],
    ["Smith, John, PhD", "John Smith", "John"],
    ["Mary Jane Smith Jr.", "Mary Jane Smith Jr.", "Mary"],
    // Capitals from a mainframe directory are written as a name.
    ["O'NEILL, DEREK", "Derek O'Neill", "Derek"],
    ["MÜLLER, JÜRGEN", "Jürgen Müller", "Jürgen"],
    ["MCDONALD, RONALD", "Ronald McDonald", "Ronald"],
    ["ANNE-MARIE DUBOIS-LAURENT", "Anne-Marie Dubois-Laurent", "Anne-Marie"],
    ["jean-luc picard", "Jean-Luc Picard", "Jean-Luc"],
    // Mixed case is the person's own: kept as written.
    ["Anne-Marie Dubois-Laurent", "Anne-Marie Dubois-Laurent", "Anne-Marie"],
    ["DeShawn McKenzie", "DeShawn McKenzie", "DeShawn"],
    // Quotes, stray spacing and labels in brackets go; a nickname in quotes is how to greet them.
    ["'Rohan Mehta'", "Rohan Mehta", "Rohan"],
    ["\u201cSam Lee\u201d", "Sam Lee", "Sam"],
    ["  Marco   Bianchi ", "Marco Bianchi", "Marco"],
    ["Okafor, Michael (external)", "Michael Okafor", "Michael"],
    ["Robert 'Bob' Smith", "Robert Smith", "Bob"],
    ["Priya Raman | Helios Labs", "Priya Raman", "Priya"],
    ["Sam Lee - Acme", "Sam Lee", "Sam"],
    ["DA SILVA, JOAO", "Joao da Silva", "Joao"],
    // Scripts written family name first keep their order; the given name is the last part.
    ["佐藤 美咲", "佐藤 美咲", "美咲"],
    ["李 雷", "李 雷", "雷"],
    ["김 민준", "김 민준", "민준"],
    ["Дмитрий Волков", "Дмитрий Волков", "Дмитрий"],
    ["Αλέξανδρος Παπαδόπουλος", "Αλέξανδρος Παπαδόπουλος", "Αλέξανδρος"],
    ["Chloé Martin", "Chloé Martin", "Chloé"],
    // An initial is not what a note opens with.
    ["J. Robert Oppenheimer", "J. Robert Oppenheimer", "Robert"],
    ["Oppenheimer, J. Robert", "J. Robert Oppenheimer", "Robert"],
    // One word is how they sign: greet them by it.
    ["Marge", "Marge", "Marge"],
    // French and other directories: the family name first, in capitals.
    ["DUPONT Jean-Pierre", "Jean-Pierre Dupont", "Jean-Pierre"],
    ["LE GALL Yann", "Yann Le Gall", "Yann"],
    ["KIM Min-jun", "Min-jun Kim", "Min-jun"],
    // ...but two capitals are initials, and an organisation stays as written.
    ["AJ Smith", "AJ Smith", "AJ"],
    ["IBM Research", "IBM Research", "IBM"],
    // A label of several words in brackets is a team or a place.
    ["Murphy, Siobhan (Treasury - Dublin)", "Siobhan Murphy", "Siobhan"],
    ["Sam Lee (she/her)", "Sam Lee", "Sam"],
    // Two given names that are one: greeted by both.
    ["María José Fernández Gil", "María José Fernández Gil", "María José"],
    ["Juan Carlos Rodríguez", "Juan Carlos Rodríguez", "Juan Carlos"],
    ["Jean-Luc Marie Dubois", "Jean-Luc Marie Dubois", "Jean-Luc"],
    ["Maria Garcia", "Maria Garcia", "Maria"],
  ])("%s -> %s (greeted %s)", (raw, name, givenName) => {
    expect(personName(raw)).toEqual({ name, givenName });
  });

  it.each([[""], ["   "], ["''"], ["jane@example.com"], ["---"], [null]])("finds no name in %j", (raw) => {
    expect(personName(raw)).toBeNull();
  });
});

describe("nameFromAddress", () => {
  it.each([
    ["kenji.nakamura@acme-robotics.co.jp", "Kenji Nakamura", "Kenji"],
    ["anne-marie.dubois-laurent@maison-verre.fr", "Anne-Marie Dubois-Laurent", "Anne-Marie"],
    ["tomasz_wojcik@wisla-soft.pl", "Tomasz Wojcik", "Tomasz"],
    ["jane.doe2@example.org", "Jane Doe", "Jane"],
    ["priya.raman.sf@gmail.com", "Priya Raman", "Priya"],
  ])("%s spells %s", (email, name, givenName) => {
    expect(nameFromAddress(email)).toEqual({ name, givenName });
  });

  it.each([["rk@quanta-grid.com"], ["frashed@mozilla.com"], ["j.smith@acme.com"], ["info@acme.com"], ["abc@yahoo.com"]])(
    "%s spells no name",
    (email) => {
      expect(nameFromAddress(email)).toBeNull();
    },
  );
});

describe("givenNameByAddress", () => {
  const greeted = (cn: string, email: string) => givenNameByAddress(personName(cn)!, email).givenName;

  it.each([
    // A doubtful given name, and an address that spells which word it is.
    ["Mr. K. Ramesh", "ramesh.k@zohocorp.com", "Ramesh"],
    ["Nguyễn Thị Thu Hà", "ha.nguyenthithu@vng.com.vn", "Hà"],
    ["Wang Fang", "fang.wang@bytedance.com", "Fang"],
    ["Mohd Hafiz bin Abdul Rahman", "hafiz.abdulrahman@petronas.com", "Hafiz"],
    // "Mohd" is not what anyone is called, address or not.
    ["Mohd Hafiz bin Abdul Rahman", "mhafiz@petronas.com", "Hafiz"],
    // Nothing doubtful: the address's order is the company's habit, not the person's name.
    ["John Smith", "smith.john@acme.com", "John"],
    ["Priya Raman", "raman.priya@helios.io", "Priya"],
    // Doubtful, but the address does not spell the name's other words: left as it was.
    ["Wang Fang", "wang.fang@bytedance.com", "Wang"],
    ["Wang Fang", "fw@bytedance.com", "Wang"],
    ["K. Ramesh", "ramesh.kumar@zoho.com", "K."],
    // A directory's family name first, a particle opening it.
    ["von Buelow Friederike", "friederike.vonbuelow@de.bosch.com", "Friederike"],
    // Two given names the address runs together.
    ["Nguyễn Thị Minh Anh", "minhanh.nguyen@canva.com", "Minh Anh"],
    // The given name stands before the patronymic, whatever the address says.
    ["Ахметова Айгерим Сериковна", "a.akhmetova@kaspi.kz", "Айгерим"],
    ["Ivan Petrovich Sidorov", "isidorov@example.ru", "Ivan"],
  ])("%s at %s is greeted as %s", (cn, email, given) => {
    expect(greeted(cn, email)).toBe(given);
  });
});
