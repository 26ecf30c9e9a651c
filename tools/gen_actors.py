#!/usr/bin/env python3
"""Writes data/actors.toml, the gazetteer, from states.txt and the tables below.

Run from the repository root: python3 tools/gen_actors.py > data/actors.toml
The TOML is what the binary embeds and what users extend with --actors; this script
only keeps the 200 state entries compact and consistent.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# Collective actors that are not states: (id, label, kind, names, demonyms, ambiguous)
ORGS = [
    ("taliban", "Taliban", "de_facto_government",
     ["Taliban", "Islamic Emirate", "Islamic Emirate of Afghanistan", "Afghanistan", "Kabul",
      "Afghan government", "Taliban government", "Taliban regime", "Afghan Taliban",
      "Taliban administration", "Taliban authorities"], ["Afghan"], []),
    ("united-nations", "United Nations", "organization",
     ["United Nations", "UN", "U.N.", "UN Security Council", "U.N. Security Council",
      "Security Council", "UNSC", "UN General Assembly", "General Assembly", "UNAMA"], [],
     ["Security Council", "General Assembly"]),
    ("nato", "NATO", "organization", ["NATO", "North Atlantic Treaty Organization", "Nato"], [], []),
    ("european-union", "European Union", "organization",
     ["European Union", "EU", "E.U.", "European Commission", "Brussels", "European Council",
      "Council of the European Union", "European Parliament", "European Community", "European Communities",
      "European Economic Community", "EEC", "EC"], [],
     ["Brussels", "EC"]),
    ("sco", "Shanghai Cooperation Organisation", "organization",
     ["Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO"], [], []),
    ("brics", "BRICS", "organization", ["BRICS"], [], []),
    ("asean", "ASEAN", "organization", ["ASEAN", "Association of Southeast Asian Nations"], [], []),
    ("african-union", "African Union", "organization", ["African Union", "AU", "African Union Commission"], [], ["AU"]),
    ("arab-league", "Arab League", "organization", ["Arab League", "League of Arab States"], [], []),
    ("oic", "Organisation of Islamic Cooperation", "organization",
     ["Organisation of Islamic Cooperation", "Organization of Islamic Cooperation", "OIC"], [], []),
    ("gcc", "Gulf Cooperation Council", "organization",
     ["Gulf Cooperation Council", "GCC", "Cooperation Council for the Arab States of the Gulf"], [], []),
    ("g7", "G7", "format", ["G7", "Group of Seven"], [], []),
    ("g20", "G20", "format", ["G20", "Group of 20"], [], []),
    ("quad", "Quad", "format", ["Quadrilateral Security Dialogue", "the Quad"], [], []),
    ("moscow-format", "Moscow Format", "format", ["Moscow Format", "Moscow Format Consultations"], [], []),
    ("csto", "Collective Security Treaty Organization", "organization",
     ["Collective Security Treaty Organization", "CSTO"], [], []),
    ("osce", "OSCE", "organization",
     ["OSCE", "Organization for Security and Co-operation in Europe",
      "Organisation for Security and Co-operation in Europe", "Organization for Security and Cooperation in Europe",
      "Organisation for Security and Cooperation in Europe", "OSCE Minsk Group", "Minsk Group"], [], []),
    ("iaea", "IAEA", "organization", ["IAEA", "International Atomic Energy Agency"], [], []),
    ("imf", "IMF", "organization", ["IMF", "International Monetary Fund"], [], []),
    ("world-bank", "World Bank", "organization", ["World Bank"], [], []),
    ("who", "World Health Organization", "organization",
     ["World Health Organization", "World Health Organisation", "WHO"], [], ["WHO"]),
    ("icc", "International Criminal Court", "organization", ["International Criminal Court"], [], []),
    ("icj", "International Court of Justice", "organization", ["International Court of Justice", "ICJ"], [], []),
    ("unhcr", "UNHCR", "organization", ["UNHCR", "UN refugee agency", "U.N. refugee agency"], [], []),
    ("opec", "OPEC", "organization", ["OPEC", "OPEC+"], [], []),
    ("isis-k", "ISIS-K", "armed_group",
     ["ISIS-K", "ISIS-Khorasan", "ISK", "ISKP", "IS-K", "Islamic State Khorasan",
      "Islamic State Khorasan Province", "Islamic State-Khorasan"], [], []),
    ("islamic-state", "Islamic State", "armed_group",
     ["Islamic State", "ISIS", "ISIL", "Daesh", "IS"], [], ["IS"]),
    ("al-qaeda", "al-Qaeda", "armed_group",
     ["al-Qaeda", "al Qaeda", "Al-Qaeda", "Al Qaeda", "al-Qaida", "AQAP", "AQIS"], [], []),
    ("ttp", "Tehrik-i-Taliban Pakistan", "armed_group",
     ["Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "TTP", "Pakistani Taliban"], [], []),
    ("haqqani-network", "Haqqani network", "armed_group", ["Haqqani network", "Haqqani Network"], [], []),
    ("national-resistance-front", "National Resistance Front", "armed_group",
     ["National Resistance Front", "NRF"], [], []),
    ("hamas", "Hamas", "armed_group", ["Hamas", "HAMAS", "Qassam Brigades"], [], []),
    ("palestinian-islamic-jihad", "Palestinian Islamic Jihad", "armed_group",
     ["Palestinian Islamic Jihad", "Islamic Jihad"], [], []),
    ("hezbollah", "Hezbollah", "armed_group", ["Hezbollah", "Hizbollah", "Hizballah"], [], []),
    ("houthis", "Houthis", "armed_group", ["Houthis", "Houthi", "Ansar Allah", "Ansarallah"], [], []),
    ("hts", "Hayat Tahrir al-Sham", "armed_group", ["Hayat Tahrir al-Sham", "HTS"], [], []),
    ("sdf", "Syrian Democratic Forces", "armed_group", ["Syrian Democratic Forces", "SDF"], [], []),
    ("pkk", "PKK", "armed_group", ["PKK", "Kurdistan Workers' Party"], [], []),
    ("wagner-group", "Wagner Group", "armed_group",
     ["Wagner Group", "Wagner group", "the Wagner group", "Wagner PMC", "PMC Wagner", "Wagner mercenaries",
      "Wagner fighters", "Wagner"], [], ["Wagner"]),
    ("al-shabaab", "al-Shabaab", "armed_group", ["al-Shabaab", "Al-Shabaab", "al Shabaab"], [], []),
    ("boko-haram", "Boko Haram", "armed_group", ["Boko Haram"], [], []),
    ("rsf", "Rapid Support Forces", "armed_group", ["Rapid Support Forces", "RSF"], [], []),
    ("baloch-liberation-army", "Baloch Liberation Army", "armed_group", ["Baloch Liberation Army", "BLA"], [], []),
    ("lashkar-e-taiba", "Lashkar-e-Taiba", "armed_group", ["Lashkar-e-Taiba", "LeT"], [], []),
    ("jaish-e-mohammed", "Jaish-e-Mohammed", "armed_group", ["Jaish-e-Mohammed", "JeM"], [], []),
    ("arakan-army", "Arakan Army", "armed_group", ["Arakan Army"], [], []),
    ("m23", "M23", "armed_group", ["M23", "March 23 Movement", "AFC/M23", "M23 rebels"], [], []),
    ("fdlr", "FDLR", "armed_group",
     ["FDLR", "Forces Démocratiques de la Libération du Rwanda", "Forces Democratiques de la Liberation du Rwanda",
      "Democratic Forces for the Liberation of Rwanda"], [], []),
    ("adf", "Allied Democratic Forces", "armed_group", ["Allied Democratic Forces", "ADF"], [], ["ADF"]),
    ("jnim", "JNIM", "armed_group",
     ["JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jama’at Nusrat al-Islam wal-Muslimin",
      "Jamaat Nusrat al-Islam wal-Muslimin", "Group for the Support of Islam and Muslims"], [], []),
    ("iswap", "ISWAP", "armed_group", ["ISWAP", "Islamic State West Africa Province"], [], []),
    ("tuareg-rebels", "Tuareg rebels", "armed_group",
     ["Tuareg rebels", "Tuareg rebel group", "Tuareg rebels group", "Tuareg militant group", "Tuareg groups",
      "Tuareg separatists", "Tuareg-led rebels", "CSP-DPA", "Permanent Strategic Framework"], [], []),
    ("tplf", "Tigray People's Liberation Front", "armed_group",
     ["Tigray People's Liberation Front", "Tigray People’s Liberation Front", "TPLF", "Tigrayan forces"], [], []),
    ("fano", "Fano", "armed_group", ["Fano militia", "Fano militias"], [], []),
    ("kla", "Kosovo Liberation Army", "armed_group", ["Kosovo Liberation Army", "KLA"], [], []),
    ("ypg", "YPG", "armed_group", ["YPG", "People's Protection Units"], [], []),
    ("free-syrian-army", "Free Syrian Army", "armed_group", ["Free Syrian Army", "FSA", "Syrian National Army"], [], ["FSA"]),
    ("kataib-hezbollah", "Kataib Hezbollah", "armed_group", ["Kataib Hezbollah", "Kata'ib Hizballah"], [], []),
    ("popular-mobilization-forces", "Popular Mobilization Forces", "armed_group",
     ["Popular Mobilization Forces", "Popular Mobilisation Forces", "PMF", "Hashd al-Shaabi"], [], ["PMF"]),
    ("polisario-front", "Polisario Front", "armed_group", ["Polisario Front", "Polisario"], [], []),
    ("farc", "FARC", "armed_group", ["FARC", "Revolutionary Armed Forces of Colombia"], [], []),
    ("eln", "ELN", "armed_group", ["National Liberation Army (ELN)", "ELN"], [], []),
    ("nagorno-karabakh", "Nagorno-Karabakh", "de_facto_government",
     ["Nagorno-Karabakh", "Nagorno Karabakh", "Artsakh", "Republic of Artsakh", "Republic of Nagorno-Karabakh",
      "Stepanakert", "Karabakh Armenians", "Karabakh"], [], ["Karabakh"]),
    ("northern-cyprus", "Northern Cyprus", "de_facto_government",
     ["Northern Cyprus", "Turkish Republic of Northern Cyprus", "TRNC", "Turkish Cypriots", "Turkish Cypriot",
      "northern Cypriot", "northern Cyprus"], [], []),
    ("interpol", "Interpol", "organization", ["Interpol", "INTERPOL"], [], []),
    ("celac", "CELAC", "organization",
     ["CELAC", "Community of Latin American and Caribbean States"], [], []),
    ("mercosur", "Mercosur", "organization", ["Mercosur", "MERCOSUR", "Mercosul"], [], []),
    ("unasur", "UNASUR", "organization", ["UNASUR", "Union of South American Nations"], [], []),
    ("oas", "Organization of American States", "organization",
     ["Organization of American States", "Organisation of American States", "OAS"], [], ["OAS"]),
    ("caricom", "CARICOM", "organization", ["CARICOM", "Caricom", "Caribbean Community"], [], []),
    ("ecowas", "ECOWAS", "organization",
     ["ECOWAS", "Economic Community of West African States"], [], []),
    ("alliance-of-sahel-states", "Alliance of Sahel States", "organization",
     ["Alliance of Sahel States", "AES"], [], ["AES"]),
    ("sadc", "SADC", "organization", ["SADC", "Southern African Development Community"], [], []),
    ("eac", "East African Community", "organization", ["East African Community", "EAC"], [], []),
    ("igad", "IGAD", "organization", ["IGAD", "Intergovernmental Authority on Development"], [], []),
    ("apec", "APEC", "format", ["APEC", "Asia-Pacific Economic Cooperation"], [], []),
    ("council-of-europe", "Council of Europe", "organization", ["Council of Europe"], [], []),
    ("cis", "Commonwealth of Independent States", "organization", ["Commonwealth of Independent States", "CIS"], [], ["CIS"]),
    ("eaeu", "Eurasian Economic Union", "organization", ["Eurasian Economic Union", "EAEU"], [], []),
    ("pacific-islands-forum", "Pacific Islands Forum", "organization", ["Pacific Islands Forum"], [], []),
    ("visegrad-group", "Visegrad Group", "format", ["Visegrad Group", "Visegrád Group", "V4"], [], ["V4"]),
    ("fatah", "Fatah", "political_group", ["Fatah"], [], []),
    ("muslim-brotherhood", "Muslim Brotherhood", "political_group", ["Muslim Brotherhood"], [], []),
]

# Forms that name no actor but hold an actor's form: a region's adjective is no state
# ("Latin American" holds "American", "Pan-African" holds nothing but reads as one).
NOT_ACTORS = [
    "Latin American", "Latin Americans", "South American", "South Americans", "North American", "North Americans",
    "Central American", "Central Americans", "Pan-American", "Native American", "Native Americans",
    "African American", "African Americans", "Asian American", "Asian Americans", "Arab American",
    "Anglo-American", "Afro-American", "Central Asian", "South Asian", "East Asian", "Southeast Asian",
    "West African", "East African", "North African", "Sub-Saharan African", "Middle Eastern",
    "Eastern European", "Western European", "Central European", "Northern European", "Southern European",
    "Korean Peninsula", "Korean War", "Arab Spring", "Gulf War", "Persian Gulf",
    "Arab Americans", "Turks and Caicos",
]

# News outlets speak (quotes) but are not actors: kind "media".
MEDIA = [
    ("reuters", "Reuters", ["Reuters"]),
    ("associated-press", "Associated Press", ["Associated Press", "The Associated Press", "AP"]),
    ("afp", "AFP", ["AFP", "Agence France-Presse"]),
    ("bbc", "BBC", ["BBC", "BBC News"]),
    ("cnn", "CNN", ["CNN"]),
    ("al-jazeera", "Al Jazeera", ["Al Jazeera"]),
    ("new-york-times", "The New York Times", ["New York Times", "The New York Times", "NYT"]),
    ("washington-post", "The Washington Post", ["Washington Post", "The Washington Post"]),
    ("wall-street-journal", "The Wall Street Journal", ["Wall Street Journal", "The Wall Street Journal", "WSJ"]),
    ("financial-times", "Financial Times", ["Financial Times"]),
    ("bloomberg", "Bloomberg", ["Bloomberg"]),
    ("the-guardian", "The Guardian", ["The Guardian"]),
    ("fox-news", "Fox News", ["Fox News"]),
    ("nbc-news", "NBC News", ["NBC News", "NBC"]),
    ("cbs-news", "CBS News", ["CBS News", "CBS"]),
    ("abc-news", "ABC News", ["ABC News"]),
    ("politico", "Politico", ["Politico"]),
    ("axios", "Axios", ["Axios"]),
    ("npr", "NPR", ["NPR"]),
    ("xinhua", "Xinhua", ["Xinhua"]),
    ("global-times", "Global Times", ["Global Times"]),
    ("tass", "TASS", ["TASS", "Tass"]),
    ("ria-novosti", "RIA Novosti", ["RIA Novosti"]),
    ("irna", "IRNA", ["IRNA"]),
    ("tolonews", "TOLOnews", ["TOLOnews", "Tolo News", "TOLO News"]),
    ("army-times", "Army Times", ["Army Times"]),
    ("dawn", "Dawn", ["Dawn newspaper"]),
    ("times-of-india", "The Times of India", ["Times of India"]),
    ("the-hindu", "The Hindu", ["The Hindu"]),
    ("deutsche-welle", "Deutsche Welle", ["Deutsche Welle", "DW"]),
    ("anadolu", "Anadolu Agency", ["Anadolu Agency", "Anadolu"]),
    ("kyodo", "Kyodo News", ["Kyodo"]),
    ("yonhap", "Yonhap", ["Yonhap"]),
    ("times-of-israel", "The Times of Israel", ["Times of Israel"]),
    ("haaretz", "Haaretz", ["Haaretz"]),
]

# People who speak for actors: (id, name, affiliation, role, extra aliases)
PERSONS = [
    ("donald-trump", "Donald Trump", "united-states", "President", ["Trump", "Donald J. Trump"]),
    ("jd-vance", "JD Vance", "united-states", "Vice President", ["Vance", "J.D. Vance"]),
    ("marco-rubio", "Marco Rubio", "united-states", "Secretary of State", ["Rubio"]),
    ("pete-hegseth", "Pete Hegseth", "united-states", "Secretary of Defense", ["Hegseth"]),
    ("steve-witkoff", "Steve Witkoff", "united-states", "Special Envoy", ["Witkoff"]),
    ("adam-boehler", "Adam Boehler", "united-states", "Special Envoy for Hostage Affairs", ["Boehler"]),
    ("karoline-leavitt", "Karoline Leavitt", "united-states", "White House Press Secretary", ["Leavitt"]),
    ("joe-biden", "Joe Biden", "united-states", "former President", ["Biden"]),
    ("antony-blinken", "Antony Blinken", "united-states", "former Secretary of State", ["Blinken"]),
    ("xi-jinping", "Xi Jinping", "china", "President", ["Xi"]),
    ("li-qiang", "Li Qiang", "china", "Premier", []),
    ("wang-yi", "Wang Yi", "china", "Foreign Minister", []),
    ("mao-ning", "Mao Ning", "china", "Foreign Ministry spokeswoman", []),
    ("lin-jian", "Lin Jian", "china", "Foreign Ministry spokesman", []),
    ("guo-jiakun", "Guo Jiakun", "china", "Foreign Ministry spokesman", []),
    ("vladimir-putin", "Vladimir Putin", "russia", "President", ["Putin"]),
    ("sergey-lavrov", "Sergey Lavrov", "russia", "Foreign Minister", ["Lavrov", "Sergei Lavrov"]),
    ("dmitry-peskov", "Dmitry Peskov", "russia", "Kremlin spokesman", ["Peskov"]),
    ("maria-zakharova", "Maria Zakharova", "russia", "Foreign Ministry spokeswoman", ["Zakharova"]),
    ("dmitry-medvedev", "Dmitry Medvedev", "russia", "Security Council deputy chairman", ["Medvedev"]),
    ("zamir-kabulov", "Zamir Kabulov", "russia", "Special Envoy for Afghanistan", ["Kabulov"]),
    ("narendra-modi", "Narendra Modi", "india", "Prime Minister", ["Modi"]),
    ("s-jaishankar", "S. Jaishankar", "india", "External Affairs Minister",
     ["Jaishankar", "Subrahmanyam Jaishankar", "S Jaishankar"]),
    ("randhir-jaiswal", "Randhir Jaiswal", "india", "External Affairs Ministry spokesman", ["Jaiswal"]),
    ("shehbaz-sharif", "Shehbaz Sharif", "pakistan", "Prime Minister", ["Shehbaz"]),
    ("asim-munir", "Asim Munir", "pakistan", "Army Chief", ["Munir"]),
    ("ishaq-dar", "Ishaq Dar", "pakistan", "Foreign Minister", []),
    ("khawaja-asif", "Khawaja Asif", "pakistan", "Defence Minister", []),
    ("ali-khamenei", "Ali Khamenei", "iran", "Supreme Leader", ["Khamenei", "Ayatollah Ali Khamenei"]),
    ("masoud-pezeshkian", "Masoud Pezeshkian", "iran", "President", ["Pezeshkian"]),
    ("abbas-araghchi", "Abbas Araghchi", "iran", "Foreign Minister", ["Araghchi"]),
    ("esmaeil-baghaei", "Esmaeil Baghaei", "iran", "Foreign Ministry spokesman", ["Baghaei"]),
    ("hibatullah-akhundzada", "Hibatullah Akhundzada", "taliban", "Supreme Leader",
     ["Haibatullah Akhundzada", "Akhundzada", "Hibatullah", "Haibatullah"]),
    ("amir-khan-muttaqi", "Amir Khan Muttaqi", "taliban", "Foreign Minister",
     ["Muttaqi", "Mawlawi Amir Khan Muttaqi"]),
    ("zabihullah-mujahid", "Zabihullah Mujahid", "taliban", "chief spokesman", ["Mujahid"]),
    ("sirajuddin-haqqani", "Sirajuddin Haqqani", "taliban", "Interior Minister", ["Haqqani"]),
    ("mohammad-yaqoob", "Mohammad Yaqoob", "taliban", "Defence Minister", ["Mullah Yaqoob", "Yaqoob"]),
    ("mohammad-hassan-akhund", "Mohammad Hassan Akhund", "taliban", "Prime Minister", ["Hassan Akhund"]),
    ("suhail-shaheen", "Suhail Shaheen", "taliban", "envoy", ["Shaheen"]),
    ("zakir-jalaly", "Zakir Jalaly", "taliban", "Foreign Ministry official", ["Jalaly", "Zakir Jalal"]),
    ("hamdullah-fitrat", "Hamdullah Fitrat", "taliban", "deputy spokesman", []),
    ("keir-starmer", "Keir Starmer", "united-kingdom", "Prime Minister", ["Starmer"]),
    ("yvette-cooper", "Yvette Cooper", "united-kingdom", "Foreign Secretary", []),
    ("david-lammy", "David Lammy", "united-kingdom", "Deputy Prime Minister", ["Lammy"]),
    ("emmanuel-macron", "Emmanuel Macron", "france", "President", ["Macron"]),
    ("jean-noel-barrot", "Jean-Noel Barrot", "france", "Foreign Minister", ["Jean-Noël Barrot", "Barrot"]),
    ("friedrich-merz", "Friedrich Merz", "germany", "Chancellor", ["Merz"]),
    ("johann-wadephul", "Johann Wadephul", "germany", "Foreign Minister", ["Wadephul"]),
    ("olaf-scholz", "Olaf Scholz", "germany", "former Chancellor", ["Scholz"]),
    ("giorgia-meloni", "Giorgia Meloni", "italy", "Prime Minister", ["Meloni"]),
    ("volodymyr-zelensky", "Volodymyr Zelensky", "ukraine", "President", ["Zelensky", "Zelenskyy", "Volodymyr Zelenskyy"]),
    ("andrii-sybiha", "Andrii Sybiha", "ukraine", "Foreign Minister", ["Sybiha"]),
    ("benjamin-netanyahu", "Benjamin Netanyahu", "israel", "Prime Minister", ["Netanyahu"]),
    ("gideon-saar", "Gideon Saar", "israel", "Foreign Minister", ["Gideon Sa'ar"]),
    ("israel-katz", "Israel Katz", "israel", "Defense Minister", []),
    ("isaac-herzog", "Isaac Herzog", "israel", "President", ["Herzog"]),
    ("khalil-al-hayya", "Khalil al-Hayya", "hamas", "leader", ["al-Hayya"]),
    ("naim-qassem", "Naim Qassem", "hezbollah", "Secretary-General", ["Qassem"]),
    ("abdul-malik-al-houthi", "Abdul-Malik al-Houthi", "houthis", "leader", []),
    ("mahmoud-abbas", "Mahmoud Abbas", "palestinian-authority", "President", ["Abbas"]),
    ("mohammed-bin-salman", "Mohammed bin Salman", "saudi-arabia", "Crown Prince", ["MBS", "bin Salman"]),
    ("faisal-bin-farhan", "Faisal bin Farhan", "saudi-arabia", "Foreign Minister", []),
    ("recep-tayyip-erdogan", "Recep Tayyip Erdogan", "turkey", "President", ["Erdogan", "Erdoğan", "Recep Tayyip Erdoğan"]),
    ("hakan-fidan", "Hakan Fidan", "turkey", "Foreign Minister", ["Fidan"]),
    ("abdel-fattah-el-sisi", "Abdel Fattah el-Sisi", "egypt", "President", ["el-Sisi", "Sisi", "Abdel Fattah al-Sisi"]),
    ("tamim-bin-hamad-al-thani", "Tamim bin Hamad Al Thani", "qatar", "Emir", ["Sheikh Tamim"]),
    ("shigeru-ishiba", "Shigeru Ishiba", "japan", "former Prime Minister", ["Ishiba"]),
    ("sanae-takaichi", "Sanae Takaichi", "japan", "Prime Minister", ["Takaichi"]),
    ("lee-jae-myung", "Lee Jae-myung", "south-korea", "President", []),
    ("kim-jong-un", "Kim Jong Un", "north-korea", "Supreme Leader", ["Kim Jong-un"]),
    ("ferdinand-marcos-jr", "Ferdinand Marcos Jr.", "philippines", "President", ["Marcos", "Bongbong Marcos"]),
    ("prabowo-subianto", "Prabowo Subianto", "indonesia", "President", ["Prabowo"]),
    ("anwar-ibrahim", "Anwar Ibrahim", "malaysia", "Prime Minister", ["Anwar"]),
    ("muhammad-yunus", "Muhammad Yunus", "bangladesh", "Chief Adviser", ["Yunus"]),
    ("ahmed-al-sharaa", "Ahmed al-Sharaa", "syria", "President", ["al-Sharaa"]),
    ("pope-leo-xiv", "Pope Leo XIV", "holy-see", "Pope", ["Leo XIV", "Robert Prevost"]),
    ("pope-francis", "Pope Francis", "holy-see", "former Pope", []),
    ("antonio-guterres", "Antonio Guterres", "united-nations", "Secretary-General", ["Guterres", "António Guterres"]),
    ("mark-rutte", "Mark Rutte", "nato", "Secretary General", ["Rutte"]),
    ("ursula-von-der-leyen", "Ursula von der Leyen", "european-union", "Commission President", ["von der Leyen"]),
    ("kaja-kallas", "Kaja Kallas", "european-union", "foreign policy chief", ["Kallas"]),
    ("mark-carney", "Mark Carney", "canada", "Prime Minister", ["Carney"]),
    ("anthony-albanese", "Anthony Albanese", "australia", "Prime Minister", ["Albanese"]),
    ("luiz-inacio-lula-da-silva", "Luiz Inacio Lula da Silva", "brazil", "President", ["Lula"]),
    ("alexander-lukashenko", "Alexander Lukashenko", "belarus", "President", ["Lukashenko"]),
    ("viktor-orban", "Viktor Orban", "hungary", "Prime Minister", ["Orban", "Orbán", "Viktor Orbán"]),
    ("donald-tusk", "Donald Tusk", "poland", "Prime Minister", ["Tusk"]),
    ("nicolas-maduro", "Nicolas Maduro", "venezuela", "President", ["Maduro", "Nicolás Maduro"]),
    ("shavkat-mirziyoyev", "Shavkat Mirziyoyev", "uzbekistan", "President", ["Mirziyoyev"]),
    ("emomali-rahmon", "Emomali Rahmon", "tajikistan", "President", ["Rahmon"]),
]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def arr(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def uniq(items):
    seen, out = set(), []
    for i in items:
        if i and i not in seen:
            seen.add(i)
            out.append(i)
    return out


# Demonyms whose ending takes no -s for the people ("the French", "the Swiss", "the
# Chinese"): they stand as nouns unchanged, so the adjective's form covers them.
UNINFLECTED_ENDINGS = ("s", "sh", "tch", "nch", "ese", "x", "z")


def with_plurals(demonyms):
    """Each demonym, then the plural noun for its people ("Russian", "Russians";
    "Turk", "Turks"), made by rule so that no plural is listed by hand."""
    out = []
    for d in demonyms:
        out.append(d)
        if not d.endswith(UNINFLECTED_ENDINGS):
            out.append(d + "s")
    return out


def actor(id_, label, kind, names, demonyms, ambiguous):
    lines = ["[[actor]]", f"id = {q(id_)}", f"label = {q(label)}", f"kind = {q(kind)}",
             f"names = {arr(uniq(names))}"]
    if demonyms:
        # A plural spelled as a name ("Lao", "Laos") is left to the name.
        forms = [d for d in with_plurals(demonyms) if d in demonyms or d not in names]
        lines.append(f"demonyms = {arr(uniq(forms))}")
    if ambiguous:
        lines.append(f"ambiguous = {arr(uniq(ambiguous))}")
    return "\n".join(lines) + "\n"


def main():
    out = ["# The stancegraph gazetteer. Generated by tools/gen_actors.py; extend it with",
           "# `--actors FILE.toml` in the same format (entries with an existing id replace it).",
           "#",
           "# [[actor]]: a collective actor. `names` are proper-name forms (official name, capital,",
           "# metonyms); `demonyms` are adjectives (\"Chinese\") that name the actor before a noun,",
           "# and the nouns for its people (\"Russians\", generated from the adjectives);",
           "# `ambiguous` forms count only when the same document also names the actor unambiguously.",
           "# [[person]]: someone who speaks for an actor; `affiliation` is that actor's id.",
           "# [[media]]: news outlets; they may be quoted but are not actors.", ""]
    out.append("# Forms that name no actor (region adjectives holding an actor's form).")
    out.append(f"not_actors = {arr(NOT_ACTORS)}")
    out.append("")
    for id_, label, kind, names, dems, amb in ORGS:
        out.append(actor(id_, label, kind, names, dems, amb))
    with open(os.path.join(HERE, "states.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            id_, common, official, capital, dems, extra, amb = line.split("|")
            names = [common, official, "the " + official if official.startswith(("Republic", "United", "Kingdom", "Islamic", "People", "State", "Russian", "Federal")) else "", capital] + extra.split(";")
            out.append(actor(id_, common, "state", names, [d for d in dems.split(";") if d],
                             [a for a in amb.split(";") if a]))
    for id_, label, names in MEDIA:
        out.append(actor(id_, label, "media", names, [], []))
    for id_, name, aff, role, aliases in PERSONS:
        out.append("\n".join(["[[person]]", f"id = {q(id_)}", f"name = {q(name)}",
                              f"affiliation = {q(aff)}", f"role = {q(role)}",
                              f"aliases = {arr(aliases)}"]) + "\n")
    print("\n".join(out), end="")


if __name__ == "__main__":
    main()
