"""Demo content for ``python manage.py loaddemo``.

Pure data: themes, press contacts and press releases, in Dutch and English.
Release "100rc" is the real press release of the Municipality of The Hague
(25 May 2016) that this newsroom was modelled on, reproduced faithfully; all
other releases, and every name in them and in CONTACTS, are fictional.

NETWORKS, CITIES and MEMBERSHIPS are the city's memberships of international city
networks: 100 Resilient Cities (from the seed release: joined 25 May 2016, announced
in Washington DC and Nairobi, focus on cybersecurity and coastal defence, and the
member cities it names) and the Global Parliament of Mayors (first convened in
The Hague in September 2016). The other cities' join dates are 100 Resilient Cities'
announcement rounds (December 2013 for Rotterdam, May 2016 for the cities announced
with The Hague). No membership is marked as ended: the demo invents no end dates.

``publish_at`` is either a local Europe/Amsterdam time ("2016-05-25T14:00") or a
date relative to the day the command runs ({"days_ago": 2, "hour": 10} or
{"days_ahead": 6, "hour": 9}).
"""

THEMES = [
    {
        "name_nl": "Internationaal",
        "name_en": "International",
        "slug_nl": "internationaal",
        "slug_en": "international",
    },
    {
        "name_nl": "Cybersecurity",
        "name_en": "Cybersecurity",
        "slug_nl": "cybersecurity",
        "slug_en": "cybersecurity",
    },
    {
        "name_nl": "Kustverdediging",
        "name_en": "Coastal defence",
        "slug_nl": "kustverdediging",
        "slug_en": "coastal-defence",
    },
    {
        "name_nl": "Duurzaamheid",
        "name_en": "Sustainability",
        "slug_nl": "duurzaamheid",
        "slug_en": "sustainability",
    },
    {
        "name_nl": "Veiligheid",
        "name_en": "Safety",
        "slug_nl": "veiligheid",
        "slug_en": "safety",
    },
    {
        "name_nl": "Wonen",
        "name_en": "Housing",
        "slug_nl": "wonen",
        "slug_en": "housing",
    },
    {
        "name_nl": "Verkeer",
        "name_en": "Traffic",
        "slug_nl": "verkeer",
        "slug_en": "traffic",
    },
]

CONTACTS = [
    {
        "key": "mayor",
        "name": "Sanne Verhoeven",
        "role_nl": "Woordvoerder van de burgemeester",
        "role_en": "Spokesperson for the Mayor",
        "organisation": "Gemeente Den Haag",
        "phone": "070 353 20 14",
        "email": "sanne.verhoeven@denhaag.nl",
    },
    {
        "key": "international",
        "name": "Joost Hendriks",
        "role_nl": "Woordvoerder van wethouder De Vries (Internationale Zaken en Economie)",
        "role_en": "Spokesperson for Alderman De Vries (International Affairs and Economy)",
        "organisation": "Gemeente Den Haag",
        "phone": "070 353 24 61",
        "email": "joost.hendriks@denhaag.nl",
    },
    {
        "key": "sustainability",
        "name": "Marieke Brouwer",
        "role_nl": "Woordvoerder van wethouder Jansen (Duurzaamheid, Klimaat en Kust)",
        "role_en": "Spokesperson for Alderman Jansen (Sustainability, Climate and Coast)",
        "organisation": "Gemeente Den Haag",
        "phone": "070 353 37 82",
        "email": "marieke.brouwer@denhaag.nl",
    },
    {
        "key": "housing",
        "name": "Yasmina Benali",
        "role_nl": "Woordvoerder van wethouder Van Dijk (Wonen en Mobiliteit)",
        "role_en": "Spokesperson for Alderman Van Dijk (Housing and Mobility)",
        "organisation": "Gemeente Den Haag",
        "phone": "070 353 52 09",
        "email": "yasmina.benali@denhaag.nl",
    },
]

RELEASES = [
    {
        "key": "100rc",
        "title_nl": "Den Haag toegetreden tot 100 Resilient Cities netwerk",
        "title_en": "The Hague joins 100 Resilient Cities network",
        "slug_nl": "den-haag-toegetreden-tot-100-resilient-cities-netwerk",
        "slug_en": "the-hague-joins-100-resilient-cities-network",
        "lead_nl": (
            "Woensdag 25 mei 2016 werd in Washington DC en in Nairobi bekendgemaakt dat Den "
            "Haag toetreedt tot het 100 Resilient Cities netwerk van de Rockefeller "
            "Foundation. De steden uit dit netwerk ontvangen geld en expertise van de "
            "Rockefeller Foundation voor het aanstellen van een Chief Resilience Officer. "
            "Deze CRO stuurt projecten aan die het weerstandsvermogen en de veerkracht "
            "(resilience) van de stad verhogen."
        ),
        "lead_en": (
            "On Wednesday 25 May 2016 it was announced in Washington DC and in Nairobi that "
            "The Hague is joining the Rockefeller Foundation’s 100 Resilient Cities network. "
            "The cities in this network receive funding and expertise from the Rockefeller "
            "Foundation to appoint a Chief Resilience Officer. This CRO leads projects that "
            "strengthen the city’s ability to withstand and recover from shocks: its "
            "resilience."
        ),
        "body_nl": (
            "<h2>Cybersecurity</h2>"
            "<p>In Den Haag gaat het om projecten op het gebied van cybersecurity en "
            "kustverdediging. In samenwerking met TNO, universiteiten en het bedrijfsleven – "
            "verenigd in The Hague security delta – heeft Den Haag zich ontwikkeld tot de "
            "cybersecurity hoofdstad van Europa. Deze expertise, onder meer van het in Den "
            "Haag gevestigde European Cybercrime Centre van Europol, kan worden gebruikt om "
            "ook andere steden uit het netwerk weerbaarder te maken tegen de gevaren van "
            "cybercriminaliteit of uitval van computersystemen.</p>"
            "<h2>Kustverdediging</h2>"
            "<p>Op het gebied van kustverdediging heeft Den Haag ervaring opgedaan met "
            "innovatieve en duurzame technieken. De zandmotor voor de kust van Kijkduin is "
            "daar het meest sprekende voorbeeld van.</p>"
            '<figure class="quote"><blockquote>'
            "<p>‘Den Haag is internationaal toonaangevend op het gebied van de beveiliging van "
            "digitale systemen. Ook op het gebied van kustverdediging kunnen wij andere "
            "steden in de wereld helpen. Steden worden steeds belangrijker voor het aandragen "
            "van oplossingen voor de problemen van deze tijd, zoals klimaatverandering, het "
            "vluchtelingenvraagstuk en internationaal terrorisme. Dit stedennetwerk van de "
            "Rockefeller Foundation brengt deze kennis bij elkaar, zodat we samen kunnen "
            "werken aan een betere toekomst voor onze inwoners’,</p></blockquote>"
            "<figcaption>aldus burgemeester Van Aartsen.</figcaption></figure>"
            "<h2>Andere ‘resilient cities’</h2>"
            "<p>Andere ‘resilient cities’ uit dit netwerk zijn onder meer Washington, Buenos "
            "Aires, Jakarta, Nairobi en Seoel. De enige andere Nederlandse stad die is "
            "toegelaten tot dit netwerk is Rotterdam, waarmee Den Haag ook in dit verband "
            "samenwerking zoekt via de Metropoolregio.</p>"
            "<p>Doel van het netwerk is om steden over de hele wereld weerbaarder te maken "
            "voor fysieke, sociale en economische schokken en problemen. Thema’s die ook in "
            "september tijdens de bijeenkomst van het Global Parliament of Mayors in Den Haag "
            "aan de orde zullen komen.</p>"
            "<p>Zie voor meer informatie: "
            '<a href="https://www.100resilientcities.org">www.100resilientcities.org</a></p>'
        ),
        "body_en": (
            "<h2>Cybersecurity</h2>"
            "<p>In The Hague, the projects will focus on cybersecurity and coastal defence. "
            "Working together with TNO, universities and the business community – united in "
            "The Hague Security Delta – The Hague has developed into the cybersecurity "
            "capital of Europe. This expertise, including that of Europol’s European "
            "Cybercrime Centre, which is based in The Hague, can also be used to make other "
            "cities in the network more resilient to the dangers of cybercrime and the "
            "failure of computer systems.</p>"
            "<h2>Coastal defence</h2>"
            "<p>In coastal defence, The Hague has gained experience with innovative and "
            "sustainable techniques. The Sand Motor off the coast of Kijkduin is the most "
            "striking example.</p>"
            '<figure class="quote"><blockquote>'
            "<p>‘The Hague is an international leader in securing digital systems. We can help "
            "other cities around the world with coastal defence, too. Cities are becoming "
            "increasingly important in providing solutions to the problems of our time, such "
            "as climate change, the refugee crisis and international terrorism. This "
            "Rockefeller Foundation network of cities brings that knowledge together, so that "
            "we can work together towards a better future for our residents’,</p></blockquote>"
            "<figcaption>said Mayor Van Aartsen.</figcaption></figure>"
            "<h2>Other ‘resilient cities’</h2>"
            "<p>Other ‘resilient cities’ in the network include Washington, Buenos Aires, "
            "Jakarta, Nairobi and Seoul. The only other Dutch city to have been admitted to "
            "the network is Rotterdam, with which The Hague is also seeking to cooperate in "
            "this context through the Metropolitan Region Rotterdam The Hague.</p>"
            "<p>The aim of the network is to make cities around the world more resilient to "
            "physical, social and economic shocks and stresses. These themes will also be on "
            "the agenda in September, when the Global Parliament of Mayors meets in The "
            "Hague.</p>"
            "<p>For more information, see: "
            '<a href="https://www.100resilientcities.org">www.100resilientcities.org</a></p>'
        ),
        "dateline": "Den Haag",
        "publish_at": "2016-05-25T14:00",
        "status": "published",
        "themes": [
            "cybersecurity",
            "kustverdediging",
            "internationaal",
        ],
        "contacts": [],
        # The seed names its "more information" address in its own words, in the body.
        "links": [],
        "comments": "closed",
    },
    {
        "key": "gpm",
        "title_nl": (
            "Burgemeesters uit de hele wereld in Den Haag bijeen voor eerste Global "
            "Parliament of Mayors"
        ),
        "title_en": (
            "Mayors from around the world meet in The Hague for first Global Parliament of Mayors"
        ),
        "slug_nl": (
            "burgemeesters-uit-de-hele-wereld-in-den-haag-bijeen-voor-eerste-global-parliament-of-mayors"
        ),
        "slug_en": (
            "mayors-from-around-the-world-meet-in-the-hague-for-first-global-parliament-of-mayors"
        ),
        "lead_nl": (
            "Dit weekend kwamen in Den Haag tientallen burgemeesters uit alle werelddelen "
            "bijeen voor de eerste vergadering van het Global Parliament of Mayors. Twee "
            "dagen lang spraken zij over de vraag hoe steden samen een antwoord kunnen geven "
            "op grensoverschrijdende vraagstukken als klimaatverandering, migratie en "
            "veiligheid."
        ),
        "lead_en": (
            "This weekend, dozens of mayors from every continent came together in The Hague "
            "for the first meeting of the Global Parliament of Mayors. Over two days they "
            "discussed how cities can work together to tackle issues that cross borders, such "
            "as climate change, migration and security."
        ),
        "body_nl": (
            "<h2>Steden nemen het voortouw</h2>"
            "<p>Steeds meer mensen wonen in steden. Daardoor komen de grote vraagstukken van "
            "deze tijd ook steeds vaker op het bord van burgemeesters terecht. Het Global "
            "Parliament of Mayors wil steden een gezamenlijke stem geven in het "
            "internationale overleg, naast die van de nationale regeringen. De deelnemers "
            "wisselden ervaringen uit en spraken af elkaar ook na deze bijeenkomst te blijven "
            "ondersteunen.</p><h2>Den Haag als gastheer</h2>"
            "<p>Als internationale stad van vrede en recht is Den Haag een logische plek voor "
            "de eerste bijeenkomst. In de stad zijn tal van internationale organisaties "
            "gevestigd die zich bezighouden met vrede, recht en veiligheid. Ook de kennis die "
            "Den Haag inbrengt in het 100 Resilient Cities netwerk, over cybersecurity en "
            "kustverdediging, kwam tijdens de bijeenkomst aan bod.</p>"
            '<figure class="quote"><blockquote>'
            "<p>Nationale regeringen praten vaak over steden, maar burgemeesters zien elke "
            "dag wat er in hun straten gebeurt. Als steden hun kennis bundelen, vinden we "
            "sneller praktische oplossingen. Den Haag is trots dat die samenwerking hier "
            "begint.</p></blockquote><figcaption>wethouder De Vries</figcaption></figure>"
            "<h2>Onderwerpen</h2>"
            "<p>Tijdens de bijeenkomst stonden onder meer deze onderwerpen op de agenda:</p>"
            "<ul><li>klimaatverandering en de weerbaarheid van steden</li>"
            "<li>de opvang en integratie van vluchtelingen</li>"
            "<li>veiligheid en de aanpak van radicalisering</li>"
            "<li>de rol van steden in internationale organisaties</li></ul>"
        ),
        "body_en": (
            "<h2>Cities taking the lead</h2>"
            "<p>More and more people live in cities. As a result, the major challenges of our "
            "time increasingly land on mayors’ desks. The Global Parliament of Mayors aims to "
            "give cities a shared voice in international decision-making, alongside that of "
            "national governments. The participants exchanged experiences and agreed to keep "
            "supporting one another after this meeting.</p>"
            "<h2>The Hague as host</h2>"
            "<p>As the international city of peace and justice, The Hague is a natural venue "
            "for the first meeting. The city is home to many international organisations "
            "working on peace, justice and security. The expertise that The Hague contributes "
            "to the 100 Resilient Cities network, in cybersecurity and coastal defence, was "
            "also discussed.</p>"
            '<figure class="quote"><blockquote>'
            "<p>National governments often talk about cities, but mayors see every day what "
            "is happening on their streets. When cities pool their knowledge, we find "
            "practical solutions faster. The Hague is proud that this cooperation starts "
            "here.</p></blockquote><figcaption>Alderman De Vries</figcaption></figure>"
            "<h2>Topics</h2><p>Topics on the agenda included:</p><ul>"
            "<li>climate change and urban resilience</li>"
            "<li>the reception and integration of refugees</li>"
            "<li>security and tackling radicalisation</li>"
            "<li>the role of cities in international organisations</li></ul>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2016-09-11T17:00",
        "status": "published",
        "themes": [
            "internationaal",
        ],
        "contacts": [
            "international",
        ],
        "links": [
            {
                "title_nl": "Global Parliament of Mayors",
                "title_en": "Global Parliament of Mayors",
                "url": "https://globalparliamentofmayors.org",
            },
        ],
        "comments": "off",
    },
    {
        "key": "zandmotor",
        "title_nl": "Zandmotor bij Kijkduin na zes jaar: sterkere kust en rijkere natuur",
        "title_en": (
            "Sand Motor off Kijkduin after six years: a stronger coast and richer nature"
        ),
        "slug_nl": "zandmotor-bij-kijkduin-na-zes-jaar-sterkere-kust-en-rijkere-natuur",
        "slug_en": ("sand-motor-off-kijkduin-after-six-years-a-stronger-coast-and-richer-nature"),
        "lead_nl": (
            "Zes jaar na de aanleg van de Zandmotor voor de kust van Kijkduin blijkt deze "
            "nieuwe manier van kustverdediging goed te werken. Wind, golven en stroming "
            "verspreiden het zand langs de kust, waardoor de duinen tussen Kijkduin en Ter "
            "Heijde op natuurlijke wijze meegroeien. Dat blijkt uit tussentijdse resultaten "
            "van het onderzoek dat Rijkswaterstaat en de provincie Zuid-Holland samen met de "
            "gemeente uitvoeren."
        ),
        "lead_en": (
            "Six years after the Sand Motor was built off the coast of Kijkduin, this new "
            "approach to coastal defence is proving to work well. Wind, waves and currents "
            "are spreading the sand along the coast, allowing the dunes between Kijkduin and "
            "Ter Heijde to grow naturally. These are the interim findings of the research "
            "that Rijkswaterstaat and the Province of South Holland are carrying out together "
            "with the municipality."
        ),
        "body_nl": (
            "<h2>Bouwen met de natuur</h2>"
            "<p>In 2011 werd voor de kust een schiereiland van ruim 20 miljoen kubieke meter "
            "zand aangelegd. In plaats van om de paar jaar zand op het strand te spuiten, "
            "laat de Zandmotor de natuur het werk doen. Het zand verplaatst zich geleidelijk "
            "langs de kust en versterkt zo strand en duinen over een lengte van enkele "
            "kilometers. Dat is minder verstorend voor planten en dieren dan traditionele "
            "zandsuppleties.</p><h2>Nieuwe natuur en recreatie</h2>"
            "<p>Rond de Zandmotor is een bijzonder gebied ontstaan. In de lagune en het "
            "meertje op het schiereiland leven vissen en vogels, en op de zandbanken rusten "
            "regelmatig zeehonden. Ook recreanten hebben de Zandmotor ontdekt: kitesurfers, "
            "wandelaars en strandjutters weten de plek goed te vinden. Zwemmen bij de "
            "Zandmotor is wel gevaarlijk door sterke stromingen.</p>"
            '<figure class="quote"><blockquote>'
            "<p>De Zandmotor laat zien dat veiligheid en natuur hand in hand kunnen gaan. Zo "
            "blijft onze kust ook voor toekomstige generaties beschermd tegen de zee. "
            "Kuststeden in binnen- en buitenland kijken met grote belangstelling naar wat "
            "hier gebeurt.</p></blockquote><figcaption>wethouder Jansen</figcaption></figure>"
            "<h2>Onderzoek gaat door</h2>"
            "<p>Het onderzoek naar de Zandmotor loopt tot en met 2021. Wetenschappers volgen "
            "onder meer hoe het zand zich verplaatst, hoe het grondwater in de duinen zich "
            "ontwikkelt en welke planten en dieren zich in het gebied vestigen. De resultaten "
            "helpen bij de keuze hoe de Nederlandse kust in de toekomst wordt onderhouden.</p>"
        ),
        "body_en": (
            "<h2>Building with nature</h2>"
            "<p>In 2011 a peninsula of more than 20 million cubic metres of sand was built "
            "off the coast. Instead of sand being pumped onto the beach every few years, the "
            "Sand Motor lets nature do the work. The sand gradually moves along the coast, "
            "strengthening the beach and dunes over a stretch of several kilometres. This is "
            "less disruptive to plants and animals than traditional beach nourishment.</p>"
            "<h2>New nature and recreation</h2>"
            "<p>A special area has developed around the Sand Motor. Fish and birds live in "
            "the lagoon and the small lake on the peninsula, and seals regularly rest on the "
            "sandbanks. Visitors have discovered the Sand Motor too: kitesurfers, walkers and "
            "beachcombers all know where to find it. Swimming near the Sand Motor is "
            "dangerous, however, because of strong currents.</p>"
            '<figure class="quote"><blockquote>'
            "<p>The Sand Motor shows that safety and nature can go hand in hand. It means our "
            "coast will remain protected from the sea for future generations too. Coastal "
            "cities in the Netherlands and abroad are following what happens here with great "
            "interest.</p></blockquote><figcaption>Alderman Jansen</figcaption></figure>"
            "<h2>Research continues</h2>"
            "<p>Research into the Sand Motor will continue until the end of 2021. Scientists "
            "are monitoring, among other things, how the sand moves, how the groundwater in "
            "the dunes develops and which plants and animals settle in the area. The results "
            "will help decide how the Dutch coast is maintained in the future.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2017-07-06T10:00",
        "status": "published",
        "themes": [
            "kustverdediging",
            "duurzaamheid",
        ],
        "contacts": [
            "sustainability",
        ],
        "links": [
            {
                "title_nl": "De Zandmotor",
                "title_en": "The Sand Motor",
                "url": "https://www.dezandmotor.nl",
            },
        ],
        "comments": "off",
    },
    {
        "key": "cyberweek",
        "title_nl": "Eerste Haagse Cyberweek: stad deelt kennis over digitale veiligheid",
        "title_en": "First Hague Cyber Week: city shares knowledge on digital security",
        "slug_nl": "eerste-haagse-cyberweek-stad-deelt-kennis-over-digitale-veiligheid",
        "slug_en": "first-hague-cyber-week-city-shares-knowledge-on-digital-security",
        "lead_nl": (
            "Van maandag 1 tot en met vrijdag 5 oktober 2018 vindt de eerste Haagse Cyberweek "
            "plaats. Bedrijven, kennisinstellingen en de gemeente laten een week lang zien "
            "wat zij doen om de stad en haar inwoners digitaal veiliger te maken. Het "
            "programma is bedoeld voor professionals, maar ook voor ondernemers, scholieren "
            "en andere Hagenaars."
        ),
        "lead_en": (
            "The first Hague Cyber Week takes place from Monday 1 to Friday 5 October 2018. "
            "For a whole week, businesses, knowledge institutions and the municipality will "
            "show what they are doing to make the city and its residents safer online. The "
            "programme is aimed at professionals, but also at entrepreneurs, school pupils "
            "and anyone else in The Hague."
        ),
        "body_nl": (
            "<h2>Programma</h2>"
            "<p>De Cyberweek bestaat uit tientallen activiteiten op verschillende plekken in "
            "de stad. Enkele hoogtepunten:</p><ul>"
            "<li>een open dag op de campus van The Hague Security Delta</li>"
            "<li>gratis workshops voor ondernemers over het beveiligen van hun website en "
            "klantgegevens</li>"
            "<li>een hackathon voor studenten, waarin teams oplossingen bedenken voor veilige "
            "slimme straatverlichting en verkeerslichten</li>"
            "<li>gastlessen op middelbare scholen over veilig internetgebruik</li></ul>"
            "<h2>Internationale cyberhoofdstad</h2>"
            "<p>Den Haag is de thuisbasis van een groot aantal organisaties die zich met "
            "digitale veiligheid bezighouden, van het European Cybercrime Centre van Europol "
            "tot startende bedrijven. Samen vormen zij een van de grootste "
            "veiligheidsclusters van Europa. Met de Cyberweek wil de gemeente die kennis "
            "dichter bij inwoners en ondernemers brengen.</p>"
            '<figure class="quote"><blockquote>'
            "<p>Digitale veiligheid is geen ver-van-mijn-bedshow meer. Elke ondernemer, elke "
            "school en elk huishouden heeft ermee te maken. Den Haag heeft de kennis in huis "
            "en die willen we delen met iedereen in de stad.</p></blockquote>"
            "<figcaption>wethouder De Vries</figcaption></figure>"
            "<h2>Aanmelden</h2>"
            "<p>Deelname aan de meeste activiteiten is gratis. Voor sommige workshops moet u "
            "zich aanmelden, omdat het aantal plaatsen beperkt is. Het volledige programma "
            "staat op de website van de gemeente.</p>"
        ),
        "body_en": (
            "<h2>Programme</h2>"
            "<p>Cyber Week comprises dozens of activities at various locations across the "
            "city. Highlights include:</p><ul>"
            "<li>an open day at The Hague Security Delta campus</li>"
            "<li>free workshops for entrepreneurs on securing their websites and customer "
            "data</li>"
            "<li>a hackathon for students, in which teams devise solutions for secure smart "
            "street lighting and traffic lights</li>"
            "<li>guest lessons at secondary schools on using the internet safely</li></ul>"
            "<h2>International cyber capital</h2>"
            "<p>The Hague is home to a large number of organisations working on digital "
            "security, from Europol’s European Cybercrime Centre to start-ups. Together they "
            "form one of the largest security clusters in Europe. With Cyber Week, the "
            "municipality wants to bring this expertise closer to residents and "
            "entrepreneurs.</p>"
            '<figure class="quote"><blockquote>'
            "<p>Digital security is no longer a distant concern. Every business owner, every "
            "school and every household has to deal with it. The Hague has the expertise, and "
            "we want to share it with everyone in the city.</p></blockquote>"
            "<figcaption>Alderman De Vries</figcaption></figure>"
            "<h2>Registration</h2>"
            "<p>Most activities are free to attend. Some workshops require registration, as "
            "places are limited. The full programme is available on the municipality’s "
            "website.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2018-09-24T10:00",
        "status": "published",
        "themes": [
            "cybersecurity",
            "internationaal",
        ],
        "contacts": [
            "international",
        ],
        "links": [
            {
                "title_nl": "The Hague Security Delta",
                "title_en": "The Hague Security Delta",
                "url": "https://www.securitydelta.nl",
            },
        ],
        "comments": "off",
    },
    {
        "key": "suppletie",
        "title_nl": "Rijkswaterstaat brengt extra zand aan op strand van Scheveningen",
        "title_en": "Rijkswaterstaat adds extra sand to Scheveningen beach",
        "slug_nl": "rijkswaterstaat-brengt-extra-zand-aan-op-strand-van-scheveningen",
        "slug_en": "rijkswaterstaat-adds-extra-sand-to-scheveningen-beach",
        "lead_nl": (
            "Rijkswaterstaat versterkt dit voorjaar een deel van het strand van Scheveningen "
            "met ongeveer een miljoen kubieke meter zand. Het zand vult aan wat de zee de "
            "afgelopen jaren heeft weggeslagen en houdt de kust op sterkte. De werkzaamheden "
            "beginnen eind april en duren ongeveer zes weken."
        ),
        "lead_en": (
            "This spring, Rijkswaterstaat will reinforce part of Scheveningen beach with "
            "around one million cubic metres of sand. The sand replaces what the sea has "
            "washed away in recent years and keeps the coast at full strength. The work "
            "starts at the end of April and will take about six weeks."
        ),
        "body_nl": (
            "<h2>Hoe werkt het?</h2>"
            "<p>Een sleephopperzuiger haalt het zand op enkele kilometers uit de kust van de "
            "zeebodem. Via een drijvende leiding wordt het als een mengsel van zand en water "
            "naar het strand gepompt. Bulldozers verdelen het daarna over het strand. Het "
            "werk gaat dag en nacht door, zodat het klaar is voordat het strandseizoen "
            "begint.</p><h2>Wat merkt u ervan?</h2><ul>"
            "<li>Een deel van het strand is tijdelijk afgezet. Het werkgebied schuift mee met "
            "de werkzaamheden.</li>"
            "<li>Strandopgangen blijven zo veel mogelijk open.</li>"
            "<li>’s Nachts kan het werk te horen zijn in de woningen aan de boulevard.</li>"
            "<li>Strandpaviljoens blijven bereikbaar.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>Scheveningen ligt letterlijk aan zee. Dat maakt ons strand prachtig, maar ook "
            "kwetsbaar. Dankzij het regelmatige onderhoud door Rijkswaterstaat blijft de kust "
            "sterk en kunnen bewoners en bezoekers veilig van het strand genieten.</p>"
            "</blockquote>"
            "<figcaption>wethouder Jansen</figcaption></figure>"
            "<h2>Kust op sterkte</h2>"
            "<p>Rijkswaterstaat onderhoudt de Nederlandse kust sinds 1990 met zandsuppleties. "
            "Elk jaar wordt langs de hele kust zand aangebracht op plekken waar dat nodig is. "
            "Den Haag werkt daarbij nauw samen met Rijkswaterstaat en het Hoogheemraadschap "
            "van Delfland, dat verantwoordelijk is voor de waterkering.</p>"
        ),
        "body_en": (
            "<h2>How does it work?</h2>"
            "<p>A trailing suction hopper dredger collects sand from the seabed a few "
            "kilometres offshore. The sand is then pumped to the beach as a mixture of sand "
            "and water through a floating pipeline. Bulldozers spread it across the beach. "
            "Work continues day and night so that it is finished before the beach season "
            "starts.</p><h2>What will you notice?</h2><ul>"
            "<li>Part of the beach will be temporarily fenced off. The work area moves along "
            "as the work progresses.</li>"
            "<li>Beach access points will remain open as far as possible.</li>"
            "<li>At night, the work may be audible in homes along the boulevard.</li>"
            "<li>Beach pavilions will remain accessible.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>Scheveningen is literally on the sea. That makes our beach beautiful, but "
            "also vulnerable. Thanks to regular maintenance by Rijkswaterstaat, the coast "
            "stays strong and residents and visitors can enjoy the beach safely.</p></blockquote>"
            "<figcaption>Alderman Jansen</figcaption></figure>"
            "<h2>Keeping the coast strong</h2>"
            "<p>Rijkswaterstaat has maintained the Dutch coast with sand nourishment since "
            "1990. Every year, sand is added along the entire coast wherever it is needed. "
            "The Hague works closely with Rijkswaterstaat and the Delfland Water Authority, "
            "which is responsible for the flood defences.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2019-04-15T11:00",
        "status": "published",
        "themes": [
            "kustverdediging",
            "veiligheid",
        ],
        "contacts": [
            "sustainability",
        ],
        "links": [
            {
                "title_nl": "Rijkswaterstaat",
                "title_en": "Rijkswaterstaat",
                "url": "https://www.rijkswaterstaat.nl",
            },
        ],
        "comments": "off",
    },
    {
        "key": "woningen",
        "title_nl": (
            "Gemeente en corporaties maken afspraken over 1.000 extra sociale huurwoningen"
        ),
        "title_en": (
            "Municipality and housing associations agree on 1,000 extra social rented homes"
        ),
        "slug_nl": (
            "gemeente-en-corporaties-maken-afspraken-over-1000-extra-sociale-huurwoningen"
        ),
        "slug_en": (
            "municipality-and-housing-associations-agree-on-1000-extra-social-rented-homes"
        ),
        "lead_nl": (
            "De gemeente Den Haag en de Haagse woningcorporaties bouwen de komende vijf jaar "
            "1.000 extra sociale huurwoningen, bovenop de woningen die al gepland waren. Dat "
            "staat in de nieuwe prestatieafspraken die wethouder Van Dijk vandaag heeft "
            "ondertekend met de corporaties en de huurdersorganisaties."
        ),
        "lead_en": (
            "Over the next five years, the Municipality of The Hague and the city’s housing "
            "associations will build 1,000 additional social rented homes, on top of those "
            "already planned. This is set out in the new performance agreements that Alderman "
            "Van Dijk signed today with the housing associations and tenants’ organisations."
        ),
        "body_nl": (
            "<h2>Lange wachttijden</h2>"
            "<p>De vraag naar betaalbare huurwoningen in Den Haag is groot. Woningzoekenden "
            "staan vaak jarenlang ingeschreven voordat zij een passende woning vinden. Vooral "
            "jongeren, ouderen die kleiner willen wonen en mensen met een laag inkomen hebben "
            "het moeilijk. Met de extra woningen willen gemeente en corporaties de "
            "wachttijden op termijn verkorten.</p>"
            "<h2>Wat is er afgesproken?</h2><ul>"
            "<li>De corporaties bouwen 1.000 extra sociale huurwoningen, verspreid over de "
            "stad.</li>"
            "<li>De gemeente zoekt geschikte locaties en helpt vergunningen sneller rond te "
            "krijgen.</li>"
            "<li>Bestaande woningen worden beter geïsoleerd, zodat de energierekening van "
            "huurders omlaaggaat.</li>"
            "<li>Huurdersorganisaties praten mee over de plannen in hun wijk.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>Iedereen in Den Haag verdient een goed en betaalbaar huis. Deze afspraken "
            "zijn een belangrijke stap, maar we zijn er nog niet. We blijven ons inzetten om "
            "meer woningen sneller te bouwen.</p></blockquote>"
            "<figcaption>wethouder Van Dijk</figcaption></figure>"
            "<h2>Vervolg</h2>"
            "<p>Gemeente, corporaties en huurders bespreken elk jaar hoe het met de afspraken "
            "staat. De eerste nieuwe woningen worden naar verwachting in 2022 opgeleverd.</p>"
        ),
        "body_en": (
            "<h2>Long waiting times</h2>"
            "<p>Demand for affordable rented housing in The Hague is high. People looking for "
            "a home are often registered for years before they find a suitable one. Young "
            "people, older people who want to downsize and people on low incomes find it "
            "particularly hard. With the extra homes, the municipality and housing "
            "associations aim to shorten waiting times over time.</p>"
            "<h2>What has been agreed?</h2><ul>"
            "<li>The housing associations will build 1,000 extra social rented homes across "
            "the city.</li>"
            "<li>The municipality will look for suitable sites and help speed up permits.</li>"
            "<li>Existing homes will be better insulated, lowering tenants’ energy bills.</li>"
            "<li>Tenants’ organisations will have a say in the plans for their "
            "neighbourhood.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>Everyone in The Hague deserves a good, affordable home. These agreements are "
            "an important step, but we are not there yet. We will keep working to build more "
            "homes, faster.</p></blockquote><figcaption>Alderman Van Dijk</figcaption></figure>"
            "<h2>Next steps</h2>"
            "<p>The municipality, housing associations and tenants will review progress on "
            "the agreements every year. The first new homes are expected to be completed in "
            "2022.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2020-11-17T10:00",
        "status": "published",
        "themes": [
            "wonen",
        ],
        "contacts": [
            "housing",
        ],
        "links": [
            {
                "title_nl": "Wonen in Den Haag",
                "title_en": "Housing in The Hague",
                "url": "https://www.denhaag.nl",
            },
        ],
        "comments": "closed",
    },
    {
        "key": "fietsroute",
        "title_nl": "Nieuwe doorfietsroute verbindt Centrum met Scheveningen",
        "title_en": "New fast cycle route links the city centre with Scheveningen",
        "slug_nl": "nieuwe-doorfietsroute-verbindt-centrum-met-scheveningen",
        "slug_en": "new-fast-cycle-route-links-the-city-centre-with-scheveningen",
        "lead_nl": (
            "Fietsers kunnen vanaf vandaag via een nieuwe doorfietsroute snel en veilig van "
            "het Centrum naar Scheveningen rijden. De route van ongeveer vijf kilometer heeft "
            "brede fietspaden van rood asfalt en fietsers hebben op de meeste kruispunten "
            "voorrang. Wethouder Van Dijk opende de route op Wereldfietsdag."
        ),
        "lead_en": (
            "From today, cyclists can ride quickly and safely from the city centre to "
            "Scheveningen on a new fast cycle route. The route, about five kilometres long, "
            "has wide red asphalt cycle paths, and cyclists have priority at most junctions. "
            "Alderman Van Dijk opened the route on World Bicycle Day."
        ),
        "body_nl": (
            "<h2>Sneller en veiliger</h2>"
            "<p>Op de nieuwe route zijn de fietspaden verbreed, zodat fietsers elkaar veilig "
            "kunnen inhalen. Op drukke kruispunten geven de verkeerslichten fietsers eerder "
            "groen, en bij regen vaker. Waar de route een drukke weg kruist, zijn de "
            "oversteekplaatsen duidelijker gemarkeerd en beter verlicht.</p>"
            "<h2>Waarom een doorfietsroute?</h2>"
            "<p>Den Haag groeit en de ruimte in de stad is beperkt. De fiets neemt weinig "
            "plaats in, is gezond en stoot geen CO₂ uit. De gemeente wil daarom dat meer "
            "inwoners de fiets pakken voor korte ritten naar werk, school of het strand. De "
            "route naar Scheveningen is een van de doorfietsroutes die de gemeente de komende "
            "jaren aanlegt.</p>"
            '<figure class="quote"><blockquote>'
            "<p>Met deze route halen we fietsers weg van de drukke autowegen en geven we ze "
            "een eigen, veilige verbinding met de kust. Ik hoop dat veel Hagenaars deze zomer "
            "op de fiets naar het strand gaan.</p></blockquote>"
            "<figcaption>wethouder Van Dijk</figcaption></figure>"
            "<h2>Klaar voor het strandseizoen</h2>"
            "<p>Bij de boulevard komen extra fietsenstallingen, zodat fietsers hun fiets ook "
            "op drukke zomerdagen kwijt kunnen. Fietsers wordt gevraagd hun fiets alleen in "
            "de rekken te zetten.</p>"
        ),
        "body_en": (
            "<h2>Faster and safer</h2>"
            "<p>The cycle paths along the new route have been widened so that cyclists can "
            "overtake each other safely. At busy junctions, the traffic lights give cyclists "
            "a green light sooner, and more often when it rains. Where the route crosses a "
            "busy road, the crossings are more clearly marked and better lit.</p>"
            "<h2>Why a fast cycle route?</h2>"
            "<p>The Hague is growing and space in the city is limited. Bicycles take up "
            "little room, are healthy and emit no CO₂. The municipality therefore wants more "
            "residents to cycle for short trips to work, school or the beach. The "
            "Scheveningen route is one of several fast cycle routes the municipality will "
            "build in the coming years.</p>"
            '<figure class="quote"><blockquote>'
            "<p>This route takes cyclists away from busy roads and gives them their own safe "
            "connection to the coast. I hope lots of people in The Hague will cycle to the "
            "beach this summer.</p></blockquote>"
            "<figcaption>Alderman Van Dijk</figcaption></figure>"
            "<h2>Ready for the beach season</h2>"
            "<p>Extra bicycle parking will be provided near the boulevard so that cyclists "
            "can park their bikes even on busy summer days. Cyclists are asked to leave their "
            "bikes only in the racks.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2021-06-03T10:00",
        "status": "published",
        "themes": [
            "verkeer",
            "duurzaamheid",
        ],
        "contacts": [
            "housing",
        ],
        "links": [
            {
                "title_nl": "Fietsen in Den Haag",
                "title_en": "Cycling in The Hague",
                "url": "https://www.denhaag.nl",
            },
        ],
        "comments": "closed",
    },
    {
        "key": "klimaat",
        "title_nl": "Klimaatadaptatieplan: meer groen en ruimte voor water in Den Haag",
        "title_en": "Climate adaptation plan: more greenery and room for water in The Hague",
        "slug_nl": "klimaatadaptatieplan-meer-groen-en-ruimte-voor-water-in-den-haag",
        "slug_en": "climate-adaptation-plan-more-greenery-and-room-for-water-in-the-hague",
        "lead_nl": (
            "Het college van burgemeester en wethouders heeft het Haagse plan voor "
            "klimaatadaptatie vastgesteld. Met het plan wil de gemeente de stad beter "
            "voorbereiden op hevige regenbuien, langere perioden van droogte en hete zomers. "
            "De komende jaren komt er meer groen in de stad en krijgt regenwater meer ruimte "
            "om in de bodem te zakken."
        ),
        "lead_en": (
            "The Municipal Executive has adopted The Hague’s climate adaptation plan. The "
            "plan aims to better prepare the city for heavy downpours, longer periods of "
            "drought and hot summers. In the coming years, the city will become greener and "
            "rainwater will have more room to soak into the ground."
        ),
        "body_nl": (
            "<h2>Groen in plaats van tegels</h2>"
            "<p>Bij hevige regen kan het water in een versteende stad nergens heen. Straten "
            "en kelders lopen dan onder water. Groen helpt: planten en bomen nemen water op "
            "en zorgen op hete dagen voor schaduw en verkoeling. Bij onderhoud aan straten en "
            "pleinen kijkt de gemeente voortaan altijd of tegels plaats kunnen maken voor "
            "groen.</p><h2>De belangrijkste maatregelen</h2><ul>"
            "<li>Meer bomen in straten en op pleinen, vooral in wijken met weinig groen.</li>"
            "<li>Bij nieuwe bouwprojecten wordt regenwater zo veel mogelijk op eigen terrein "
            "opgevangen.</li>"
            "<li>Inwoners kunnen subsidie krijgen voor een groen dak of een regenton.</li>"
            "<li>Op hete dagen worden koele plekken in de stad beter aangegeven.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>Het klimaat verandert en dat merken we ook in Den Haag. We zorgen ervoor dat "
            "onze stad ook bij extreem weer een prettige en veilige plek blijft om te wonen. "
            "Elke tegel die eruit gaat, helpt.</p></blockquote>"
            "<figcaption>wethouder Jansen</figcaption></figure>"
            "<h2>Doe mee</h2>"
            "<p>Ook inwoners kunnen bijdragen aan een klimaatbestendige stad, bijvoorbeeld "
            "door tegels in hun tuin te vervangen door planten. Op de website van de gemeente "
            "staat informatie over de subsidieregelingen.</p>"
        ),
        "body_en": (
            "<h2>Greenery instead of paving</h2>"
            "<p>During heavy rain, water in a heavily paved city has nowhere to go. Streets "
            "and basements then flood. Greenery helps: plants and trees absorb water and "
            "provide shade and cooling on hot days. Whenever streets and squares are "
            "maintained, the municipality will now always consider whether paving can make "
            "way for greenery.</p>"
            "<h2>Key measures</h2><ul>"
            "<li>More trees in streets and squares, especially in neighbourhoods with little "
            "greenery.</li>"
            "<li>New building projects will collect rainwater on their own site as far as "
            "possible.</li>"
            "<li>Residents can get a grant for a green roof or a water butt.</li>"
            "<li>Cool places in the city will be better signposted on hot days.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>The climate is changing, and we are noticing it in The Hague too. We are "
            "making sure our city remains a pleasant and safe place to live, even in extreme "
            "weather. Every paving stone that comes out helps.</p></blockquote>"
            "<figcaption>Alderman Jansen</figcaption></figure>"
            "<h2>Get involved</h2>"
            "<p>Residents can also help make the city climate-proof, for example by replacing "
            "paving in their gardens with plants. Information about the grant schemes is "
            "available on the municipality’s website.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2022-05-19T11:00",
        "status": "published",
        "themes": [
            "duurzaamheid",
            "veiligheid",
        ],
        "contacts": [
            "sustainability",
        ],
        "links": [
            {
                "title_nl": "Operatie Steenbreek",
                "title_en": "Operatie Steenbreek (in Dutch)",
                "url": "https://www.steenbreek.nl",
            },
        ],
        "comments": "closed",
    },
    {
        "key": "cybercheck",
        "title_nl": ("Haagse ondernemers kunnen gratis hun digitale veiligheid laten controleren"),
        "title_en": "Businesses in The Hague can have their digital security checked for free",
        "slug_nl": ("haagse-ondernemers-kunnen-gratis-hun-digitale-veiligheid-laten-controleren"),
        "slug_en": "businesses-in-the-hague-can-have-their-digital-security-checked-for-free",
        "lead_nl": (
            "Ondernemers in Den Haag kunnen vanaf vandaag gratis een cybercheck aanvragen. "
            "Een adviseur bekijkt samen met de ondernemer hoe goed het bedrijf beschermd is "
            "tegen hackers, phishing en gijzelsoftware, en geeft praktische tips om de "
            "beveiliging te verbeteren."
        ),
        "lead_en": (
            "From today, entrepreneurs in The Hague can request a free cyber check. An "
            "adviser sits down with the business owner to assess how well the business is "
            "protected against hackers, phishing and ransomware, and gives practical tips to "
            "improve its security."
        ),
        "body_nl": (
            "<h2>Kleine bedrijven kwetsbaar</h2>"
            "<p>Veel kleine ondernemers denken dat hun bedrijf te klein is om interessant te "
            "zijn voor cybercriminelen. Dat is een misverstand. Juist kleine bedrijven zijn "
            "vaak een makkelijk doelwit, omdat ze minder tijd en geld hebben voor "
            "beveiliging. Een aanval kan grote gevolgen hebben: klantgegevens liggen op "
            "straat of het bedrijf ligt dagenlang stil.</p>"
            "<h2>Zo werkt de cybercheck</h2><ol>"
            "<li>De ondernemer meldt zich aan via de website van de gemeente.</li>"
            "<li>Een adviseur komt langs of voert het gesprek via een videoverbinding.</li>"
            "<li>Samen lopen ze de belangrijkste risico’s door, zoals wachtwoorden, back-ups "
            "en updates.</li>"
            "<li>De ondernemer krijgt een kort rapport met concrete verbeterpunten.</li></ol>"
            '<figure class="quote"><blockquote>'
            "<p>Den Haag heeft veel kennis van cybersecurity in huis. Het is belangrijk dat "
            "die kennis ook de bakker, de kapper en de zzp’er om de hoek bereikt. Met een "
            "paar eenvoudige maatregelen maak je het criminelen al een stuk moeilijker.</p>"
            "</blockquote>"
            "<figcaption>wethouder De Vries</figcaption></figure>"
            "<h2>Samenwerking</h2>"
            "<p>De cybercheck is een samenwerking tussen de gemeente, ondernemersverenigingen "
            "en bedrijven uit The Hague Security Delta. In het eerste jaar is er plaats voor "
            "enkele honderden ondernemers.</p>"
        ),
        "body_en": (
            "<h2>Small businesses at risk</h2>"
            "<p>Many small business owners think their business is too small to interest "
            "cybercriminals. That is a misconception. Small businesses are often an easy "
            "target precisely because they have less time and money for security. An attack "
            "can have serious consequences: customer data can be leaked, or the business can "
            "grind to a halt for days.</p>"
            "<h2>How the cyber check works</h2><ol>"
            "<li>The entrepreneur registers via the municipality’s website.</li>"
            "<li>An adviser visits the business or holds the conversation by video call.</li>"
            "<li>Together they go through the main risks, such as passwords, back-ups and "
            "updates.</li>"
            "<li>The entrepreneur receives a short report with concrete points for "
            "improvement.</li></ol>"
            '<figure class="quote"><blockquote>'
            "<p>The Hague has a wealth of cybersecurity expertise. It is important that this "
            "knowledge also reaches the baker, the hairdresser and the freelancer around the "
            "corner. A few simple measures already make life a lot harder for criminals.</p>"
            "</blockquote>"
            "<figcaption>Alderman De Vries</figcaption></figure>"
            "<h2>Partnership</h2>"
            "<p>The cyber check is a joint initiative of the municipality, business "
            "associations and companies from The Hague Security Delta. In the first year, "
            "there is room for several hundred entrepreneurs.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2023-02-09T10:00",
        "status": "published",
        "themes": [
            "cybersecurity",
        ],
        "contacts": [
            "international",
        ],
        "links": [
            {
                "title_nl": "Digital Trust Center",
                "title_en": "Digital Trust Center",
                "url": "https://www.digitaltrustcenter.nl",
            },
        ],
        "comments": "closed",
    },
    {
        "key": "withdrawn",
        "title_nl": "Prinses Beatrixlaan deze zomer vier weken afgesloten voor autoverkeer",
        "title_en": "Prinses Beatrixlaan closed to motor traffic for four weeks this summer",
        "slug_nl": "prinses-beatrixlaan-deze-zomer-vier-weken-afgesloten-voor-autoverkeer",
        "slug_en": "prinses-beatrixlaan-closed-to-motor-traffic-for-four-weeks-this-summer",
        "lead_nl": (
            "Een deel van de Prinses Beatrixlaan is van maandag 8 juli tot en met zondag 4 "
            "augustus 2024 afgesloten voor autoverkeer. De gemeente vervangt in die periode "
            "het asfalt en het riool. Fietsers en voetgangers kunnen langs de werkzaamheden "
            "blijven gaan."
        ),
        "lead_en": (
            "Part of Prinses Beatrixlaan will be closed to motor traffic from Monday 8 July "
            "to Sunday 4 August 2024. During this period the municipality will replace the "
            "road surface and the sewer. Cyclists and pedestrians will still be able to get "
            "past the works."
        ),
        "body_nl": (
            "<h2>Waarom deze werkzaamheden?</h2>"
            "<p>Het asfalt op de Prinses Beatrixlaan is versleten en het riool eronder is aan "
            "vervanging toe. Door beide klussen tegelijk uit te voeren, hoeft de weg maar één "
            "keer open. De gemeente heeft bewust gekozen voor de zomervakantie, omdat het dan "
            "rustiger is op de weg.</p>"
            "<h2>Omleidingen</h2><ul>"
            "<li>Autoverkeer wordt met gele borden omgeleid via de Utrechtsebaan en de "
            "Juliana van Stolberglaan.</li>"
            "<li>Fietsers en voetgangers kunnen via een aangegeven route langs het werk.</li>"
            "<li>Woningen en bedrijven aan de laan blijven te voet bereikbaar.</li>"
            "<li>Reizigers met het openbaar vervoer vinden actuele reisinformatie bij de "
            "vervoerder.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>We begrijpen dat een afsluiting van vier weken vervelend is voor bewoners en "
            "ondernemers. Door het werk in de zomervakantie te doen en asfalt en riool in één "
            "keer aan te pakken, beperken we de overlast zo veel mogelijk.</p></blockquote>"
            "<figcaption>wethouder Van Dijk</figcaption></figure>"
            "<h2>Informatieavond</h2>"
            "<p>Omwonenden krijgen een brief met meer informatie. Op dinsdag 18 juni is er "
            "een informatieavond in het wijkcentrum, waar bewoners hun vragen kunnen stellen "
            "aan de aannemer en de gemeente.</p>"
        ),
        "body_en": (
            "<h2>Why this work?</h2>"
            "<p>The asphalt on Prinses Beatrixlaan is worn out and the sewer beneath it is "
            "due for replacement. By carrying out both jobs at the same time, the road only "
            "has to be dug up once. The municipality has deliberately chosen the summer "
            "holidays, when the roads are quieter.</p>"
            "<h2>Diversions</h2><ul>"
            "<li>Motor traffic will be diverted via Utrechtsebaan and Juliana van "
            "Stolberglaan, following yellow signs.</li>"
            "<li>Cyclists and pedestrians can get past the works via a signposted route.</li>"
            "<li>Homes and businesses on the street will remain accessible on foot.</li>"
            "<li>Public transport passengers can find up-to-date travel information from the "
            "transport operator.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>We understand that a four-week closure is a nuisance for residents and "
            "businesses. By doing the work during the summer holidays and tackling the "
            "asphalt and the sewer in one go, we are keeping disruption to a minimum.</p>"
            "</blockquote>"
            "<figcaption>Alderman Van Dijk</figcaption></figure>"
            "<h2>Information evening</h2>"
            "<p>Local residents will receive a letter with more information. On Tuesday 18 "
            "June there will be an information evening at the community centre, where "
            "residents can put their questions to the contractor and the municipality.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2024-06-03T10:00",
        "status": "withdrawn",
        "withdrawn_at": "2024-06-04T09:30",
        "withdrawal_notice_nl": (
            "Dit persbericht is ingetrokken omdat de data van de afsluiting niet klopten. De "
            "Prinses Beatrixlaan is afgesloten van maandag 15 juli tot en met zondag 11 "
            "augustus 2024. De juiste informatie staat in het gecorrigeerde persbericht van 4 "
            "juni 2024."
        ),
        "withdrawal_notice_en": (
            "This press release has been withdrawn because the dates of the closure were "
            "incorrect. Prinses Beatrixlaan will be closed from Monday 15 July to Sunday 11 "
            "August 2024. The correct information is in the corrected press release of 4 June "
            "2024."
        ),
        "themes": [
            "verkeer",
        ],
        "contacts": [
            "housing",
        ],
        "links": [],
        "comments": "closed",
    },
    {
        "key": "correctie",
        "title_nl": (
            "Gecorrigeerd: Prinses Beatrixlaan van 15 juli tot en met 11 augustus afgesloten"
        ),
        "title_en": "Corrected: Prinses Beatrixlaan closed from 15 July to 11 August",
        "slug_nl": (
            "gecorrigeerd-prinses-beatrixlaan-van-15-juli-tot-en-met-11-augustus-afgesloten"
        ),
        "slug_en": "corrected-prinses-beatrixlaan-closed-from-15-july-to-11-august",
        "lead_nl": (
            "In het persbericht van 3 juni 2024 stonden onjuiste data voor de afsluiting van "
            "de Prinses Beatrixlaan. De juiste data zijn: maandag 15 juli tot en met zondag "
            "11 augustus 2024. In die periode is een deel van de laan afgesloten voor "
            "autoverkeer, omdat de gemeente het asfalt en het riool vervangt."
        ),
        "lead_en": (
            "The press release of 3 June 2024 gave the wrong dates for the closure of Prinses "
            "Beatrixlaan. The correct dates are Monday 15 July to Sunday 11 August 2024. "
            "During this period part of the street will be closed to motor traffic while the "
            "municipality replaces the road surface and the sewer."
        ),
        "body_nl": (
            "<h2>Wat is er veranderd?</h2>"
            "<p>Alleen de data van de afsluiting zijn gewijzigd. De werkzaamheden zelf, de "
            "omleidingen en de informatieavond blijven zoals eerder aangekondigd. De gemeente "
            "biedt haar excuses aan voor de verwarring.</p><ul>"
            "<li><strong>Onjuist:</strong> maandag 8 juli tot en met zondag 4 augustus "
            "2024</li>"
            "<li><strong>Juist:</strong> maandag 15 juli tot en met zondag 11 augustus "
            "2024</li></ul>"
            "<p>De afsluiting valt daarmee volledig binnen de zomervakantie in regio Midden, "
            "wanneer het rustiger is op de weg.</p>"
            "<h2>Omleidingen</h2>"
            "<p>Autoverkeer wordt met gele borden omgeleid via de Utrechtsebaan en de Juliana "
            "van Stolberglaan. Fietsers en voetgangers kunnen via een aangegeven route langs "
            "het werk. Woningen en bedrijven aan de laan blijven te voet bereikbaar. "
            "Reizigers met het openbaar vervoer vinden actuele reisinformatie bij de "
            "vervoerder.</p><h2>Informatieavond</h2>"
            "<p>Op dinsdag 18 juni is er een informatieavond in het wijkcentrum. Bewoners en "
            "ondernemers kunnen daar hun vragen stellen aan de aannemer en de gemeente. "
            "Omwonenden krijgen deze week een brief met de juiste data.</p>"
        ),
        "body_en": (
            "<h2>What has changed?</h2>"
            "<p>Only the dates of the closure have changed. The work itself, the diversions "
            "and the information evening remain as previously announced. The municipality "
            "apologises for the confusion.</p><ul>"
            "<li><strong>Incorrect:</strong> Monday 8 July to Sunday 4 August 2024</li>"
            "<li><strong>Correct:</strong> Monday 15 July to Sunday 11 August 2024</li></ul>"
            "<p>This means the closure falls entirely within the summer holidays for the "
            "central region of the Netherlands, when the roads are quieter.</p>"
            "<h2>Diversions</h2>"
            "<p>Motor traffic will be diverted via Utrechtsebaan and Juliana van "
            "Stolberglaan, following yellow signs. Cyclists and pedestrians can get past the "
            "works via a signposted route. Homes and businesses on the street will remain "
            "accessible on foot. Public transport passengers can find up-to-date travel "
            "information from the transport operator.</p>"
            "<h2>Information evening</h2>"
            "<p>On Tuesday 18 June there will be an information evening at the community "
            "centre. Residents and business owners can put their questions to the contractor "
            "and the municipality there. Local residents will receive a letter with the "
            "correct dates this week.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": "2024-06-04T12:00",
        "status": "published",
        # A public change note, as a correction of a published release is made now
        # (press.services.save_edit): shown as "Bijgewerkt op …" under the date.
        "change_notes": [
            {
                "noted_at": "2024-06-05T09:15",
                "text_nl": (
                    "De omleiding voor autoverkeer via de Juliana van Stolberglaan is toegevoegd."
                ),
                "text_en": "The diversion for motor traffic via Juliana van Stolberglaan "
                "has been added.",
            }
        ],
        "themes": [
            "verkeer",
        ],
        "contacts": [
            "housing",
        ],
        "links": [],
        "comments": "closed",
    },
    {
        "key": "dutch-only",
        "title_nl": "Haagse buurtpreventieteams zoeken nieuwe vrijwilligers",
        "title_en": "",
        "slug_nl": "haagse-buurtpreventieteams-zoeken-nieuwe-vrijwilligers",
        "slug_en": "",
        "lead_nl": (
            "In veel Haagse wijken lopen bewoners als buurtpreventieteam regelmatig een "
            "rondje door hun buurt. Zij letten op onveilige situaties, zoals kapotte "
            "straatverlichting of openstaande ramen, en zijn de ogen en oren van de wijk. De "
            "teams zoeken nieuwe vrijwilligers."
        ),
        "lead_en": "",
        "body_nl": (
            "<h2>Wat doet een buurtpreventieteam?</h2>"
            "<p>Vrijwilligers lopen in tweetallen, meestal ’s avonds, een vaste ronde door de "
            "wijk. Ze maken een praatje met buurtbewoners, melden losliggende stoeptegels of "
            "zwerfafval bij de gemeente en waarschuwen de politie als ze iets verdachts zien. "
            "Zelf grijpen ze niet in: dat blijft het werk van politie en handhavers.</p>"
            "<h2>Wie zoeken we?</h2><ul>"
            "<li>Je woont in de wijk waar je wilt lopen.</li>"
            "<li>Je bent 18 jaar of ouder.</li>"
            "<li>Je kunt ongeveer twee avonden per maand vrijmaken.</li>"
            "<li>Je gaat graag met mensen om en blijft rustig in lastige situaties.</li></ul>"
            "<p>Nieuwe vrijwilligers krijgen een training en worden begeleid door een ervaren "
            "teamleider en de wijkagent.</p>"
            '<figure class="quote"><blockquote>'
            "<p>Je leert je buurt echt kennen als je er elke maand een paar avonden "
            "rondloopt. Mensen groeten je, vertellen wat hen dwarszit en weten je te vinden "
            "als er iets is. Dat geeft veel voldoening.</p></blockquote>"
            "<figcaption>Ellen, al vijf jaar vrijwilliger in Moerwijk</figcaption></figure>"
            "<h2>Aanmelden</h2>"
            "<p>Aanmelden kan via de website van de gemeente. Twijfel je nog? Loop dan eerst "
            "een keer mee om te zien of het iets voor je is.</p>"
        ),
        "body_en": "",
        "dateline": "Den Haag",
        "publish_at": "2025-03-12T10:00",
        "status": "published",
        "themes": [
            "veiligheid",
        ],
        "contacts": [
            "mayor",
        ],
        "links": [
            {
                "title_nl": "Buurtpreventie in Den Haag",
                "title_en": "",
                "url": "https://www.denhaag.nl",
            },
        ],
        "comments": "closed",
    },
    {
        "key": "recent",
        "title_nl": "Inwoners denken mee over koelere pleinen in Den Haag",
        "title_en": "Residents help shape cooler squares in The Hague",
        "slug_nl": "inwoners-denken-mee-over-koelere-pleinen-in-den-haag",
        "slug_en": "residents-help-shape-cooler-squares-in-the-hague",
        "lead_nl": (
            "De gemeente Den Haag wil een aantal stenige pleinen in de stad groener en koeler "
            "maken. Inwoners kunnen de komende weken meedenken over welke pleinen als eerste "
            "aan de beurt zijn en wat er op die pleinen moet veranderen."
        ),
        "lead_en": (
            "The Municipality of The Hague wants to make a number of heavily paved squares in "
            "the city greener and cooler. Over the coming weeks, residents can help decide "
            "which squares should be tackled first and what should change there."
        ),
        "body_nl": (
            "<h2>Hete zomers</h2>"
            "<p>Op warme dagen wordt het in de stad een stuk heter dan op het platteland. "
            "Vooral pleinen met veel steen en weinig schaduw warmen sterk op. Dat is niet "
            "alleen onprettig, maar kan ook gevaarlijk zijn voor ouderen, jonge kinderen en "
            "mensen met een kwetsbare gezondheid. Meer bomen, planten en water maken een "
            "plein koeler en aangenamer.</p>"
            "<h2>Zo kunt u meedoen</h2><ul>"
            "<li>Reageer onder dit bericht of via het online participatieplatform van de "
            "gemeente.</li><li>Kom naar een van de inloopbijeenkomsten in de stadsdelen.</li>"
            "<li>Geef een plein in uw buurt op dat volgens u dringend koeler moet.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>Niemand kent een plein zo goed als de mensen die er elke dag komen. Waar zit "
            "u graag in de schaduw, waar spelen de kinderen en waar is het in de zomer niet "
            "uit te houden? Die kennis hebben we nodig om de juiste keuzes te maken.</p>"
            "</blockquote>"
            "<figcaption>wethouder Jansen</figcaption></figure>"
            "<h2>Hoe verder?</h2>"
            "<p>Na de inspraakperiode kiest de gemeente de eerste pleinen. De ontwerpen "
            "worden daarna samen met omwonenden en ondernemers uitgewerkt. De eerste "
            "aanpassingen worden naar verwachting volgend jaar uitgevoerd.</p>"
        ),
        "body_en": (
            "<h2>Hot summers</h2>"
            "<p>On warm days, the city gets considerably hotter than the surrounding "
            "countryside. Squares with a lot of paving and little shade heat up in "
            "particular. This is not only unpleasant but can also be dangerous for older "
            "people, young children and people in poor health. More trees, plants and water "
            "make a square cooler and more pleasant.</p>"
            "<h2>How to take part</h2><ul>"
            "<li>Comment below this release or use the municipality’s online participation "
            "platform.</li>"
            "<li>Come along to one of the drop-in sessions in the city districts.</li>"
            "<li>Nominate a square in your neighbourhood that you think urgently needs "
            "cooling down.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>Nobody knows a square as well as the people who use it every day. Where do "
            "you like to sit in the shade, where do the children play and where is it "
            "unbearable in summer? We need that knowledge to make the right choices.</p>"
            "</blockquote>"
            "<figcaption>Alderman Jansen</figcaption></figure>"
            "<h2>What happens next?</h2>"
            "<p>After the consultation period, the municipality will select the first "
            "squares. The designs will then be worked out together with local residents and "
            "businesses. The first changes are expected to be made next year.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": {
            "days_ago": 2,
            "hour": 10,
        },
        "status": "published",
        "themes": [
            "duurzaamheid",
        ],
        "contacts": [
            "sustainability",
        ],
        "links": [
            {
                "title_nl": "Meedenken over koelere pleinen",
                "title_en": "Have your say on cooler squares",
                "url": "https://www.denhaag.nl",
            },
        ],
        "comments": "open",
    },
    {
        "key": "scheduled",
        "title_nl": "Hulpdiensten oefenen stormvloed op Scheveningse boulevard",
        "title_en": "Emergency services practise storm surge on Scheveningen boulevard",
        "slug_nl": "hulpdiensten-oefenen-stormvloed-op-scheveningse-boulevard",
        "slug_en": "emergency-services-practise-storm-surge-on-scheveningen-boulevard",
        "lead_nl": (
            "Gemeente, brandweer, politie en het Hoogheemraadschap van Delfland houden "
            "volgende week een grote oefening op en rond de boulevard van Scheveningen. Zij "
            "oefenen wat er moet gebeuren als een zware storm samenvalt met springtij en de "
            "zee tot aan de boulevard komt."
        ),
        "lead_en": (
            "Next week, the municipality, fire service, police and the Delfland Water "
            "Authority will hold a large-scale exercise on and around the boulevard in "
            "Scheveningen. They will practise what needs to happen if a severe storm "
            "coincides with a spring tide and the sea reaches the boulevard."
        ),
        "body_nl": (
            "<h2>Waarom deze oefening?</h2>"
            "<p>De Haagse kust is goed beschermd. Toch kan een zeer zware storm voor "
            "gevaarlijke situaties zorgen, zeker in combinatie met een hoge waterstand. "
            "Hulpdiensten moeten dan snel en goed samenwerken: wegen afsluiten, mensen "
            "waarschuwen en zo nodig bewoners en bezoekers in veiligheid brengen. Door "
            "regelmatig te oefenen, weten alle partijen wat zij van elkaar kunnen "
            "verwachten.</p><h2>Wat merkt u ervan?</h2><ul>"
            "<li>Een deel van de boulevard is tijdens de oefening enkele uren afgesloten voor "
            "verkeer.</li>"
            "<li>U ziet meer voertuigen van hulpdiensten dan normaal en hoort mogelijk "
            "sirenes.</li>"
            "<li>Strandpaviljoens en winkels blijven bereikbaar voor voetgangers.</li>"
            "<li>Er gaat geen NL-Alert uit; bij een echte noodsituatie gebeurt dat "
            "wel.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>We hopen dat we het nooit nodig hebben. Maar als het ooit zover komt, moet "
            "iedereen precies weten wat hij moet doen. Daarvoor is een oefening als deze "
            "onmisbaar.</p></blockquote><figcaption>wethouder Jansen</figcaption></figure>"
            "<h2>Na de oefening</h2>"
            "<p>Na afloop evalueren de deelnemende organisaties de oefening. De lessen worden "
            "gebruikt om de plannen voor extreem weer aan de kust verder te verbeteren.</p>"
        ),
        "body_en": (
            "<h2>Why this exercise?</h2>"
            "<p>The Hague’s coast is well protected. Even so, a very severe storm can cause "
            "dangerous situations, especially combined with high water levels. The emergency "
            "services then need to work together quickly and effectively: closing roads, "
            "warning people and, if necessary, bringing residents and visitors to safety. "
            "Regular exercises ensure that all parties know what to expect from each "
            "other.</p><h2>What will you notice?</h2><ul>"
            "<li>Part of the boulevard will be closed to traffic for a few hours during the "
            "exercise.</li>"
            "<li>You will see more emergency vehicles than usual and may hear sirens.</li>"
            "<li>Beach pavilions and shops will remain accessible to pedestrians.</li>"
            "<li>No NL-Alert will be sent; in a real emergency, one would be.</li></ul>"
            '<figure class="quote"><blockquote>'
            "<p>We hope we will never need it. But if it ever comes to that, everyone must "
            "know exactly what to do. An exercise like this is essential for that.</p>"
            "</blockquote>"
            "<figcaption>Alderman Jansen</figcaption></figure>"
            "<h2>After the exercise</h2>"
            "<p>The participating organisations will evaluate the exercise afterwards. The "
            "lessons learned will be used to further improve the plans for extreme weather on "
            "the coast.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": {
            "days_ahead": 6,
            "hour": 9,
        },
        "status": "published",
        "themes": [
            "kustverdediging",
            "veiligheid",
        ],
        "contacts": [
            "sustainability",
        ],
        "links": [
            {
                "title_nl": "Wat te doen bij extreem weer",
                "title_en": "What to do in extreme weather (in Dutch)",
                "url": "https://www.crisis.nl",
            },
        ],
        "comments": "open",
    },
    {
        "key": "draft",
        "title_nl": "Haagse basisscholen krijgen lespakket over online veiligheid",
        "title_en": "Primary schools in The Hague to get lesson pack on online safety",
        "slug_nl": "haagse-basisscholen-krijgen-lespakket-over-online-veiligheid",
        "slug_en": "primary-schools-in-the-hague-to-get-lesson-pack-on-online-safety",
        "lead_nl": (
            "Alle Haagse basisscholen kunnen binnenkort gratis gebruikmaken van een lespakket "
            "waarmee leerlingen van groep 7 en 8 leren hoe ze veilig online kunnen zijn. De "
            "gemeente heeft het pakket samen met bedrijven en kennisinstellingen uit The "
            "Hague Security Delta ontwikkeld."
        ),
        "lead_en": (
            "All primary schools in The Hague will soon be able to use a free lesson pack "
            "that teaches pupils aged around 10 to 12 how to stay safe online. The "
            "municipality developed the pack together with companies and knowledge "
            "institutions from The Hague Security Delta."
        ),
        "body_nl": (
            "<h2>Jong online</h2>"
            "<p>Kinderen gaan steeds jonger online: ze gamen, chatten en kijken filmpjes. "
            "Daarbij lopen ze risico’s, zoals oplichting, nepnieuws en het delen van "
            "persoonlijke gegevens met vreemden. Veel ouders en leerkrachten vinden het "
            "lastig om kinderen daarin te begeleiden. Het lespakket helpt hen daarbij.</p>"
            "<h2>Wat leren de kinderen?</h2><ul>"
            "<li>hoe je een sterk wachtwoord maakt en waarom je het niet deelt</li>"
            "<li>hoe je phishingberichten en nepwinacties herkent</li>"
            "<li>wat je wel en niet deelt op sociale media</li>"
            "<li>wat je doet als iets online niet goed voelt</li></ul>"
            "<p>Het pakket bestaat uit vier lessen en een programma voor een ouderavond. "
            "Gastdocenten uit de cybersecuritysector kunnen een les komen geven.</p>"
            '<figure class="quote"><blockquote>'
            "<p>Kinderen leren op school al vroeg hoe ze veilig kunnen oversteken. Veilig "
            "internetgebruik hoort daar tegenwoordig net zo goed bij. Den Haag heeft de "
            "kennis in huis om hierin het goede voorbeeld te geven.</p></blockquote>"
            "<figcaption>wethouder De Vries</figcaption></figure>"
            "<h2>Aanmelden</h2>"
            "<p>Scholen kunnen zich aanmelden via de website van de gemeente. Het lespakket "
            "is gratis.</p>"
        ),
        "body_en": (
            "<h2>Online from a young age</h2>"
            "<p>Children are going online at an ever younger age: they play games, chat and "
            "watch videos. In doing so they run risks such as scams, fake news and sharing "
            "personal details with strangers. Many parents and teachers find it difficult to "
            "guide children through this. The lesson pack helps them do so.</p>"
            "<h2>What will the children learn?</h2><ul>"
            "<li>how to create a strong password and why you should not share it</li>"
            "<li>how to recognise phishing messages and fake prize draws</li>"
            "<li>what to share, and what not to share, on social media</li>"
            "<li>what to do if something online does not feel right</li></ul>"
            "<p>The pack consists of four lessons and a programme for a parents’ evening. "
            "Guest teachers from the cybersecurity sector can come and give a lesson.</p>"
            '<figure class="quote"><blockquote>'
            "<p>At school, children learn from an early age how to cross the road safely. "
            "These days, using the internet safely belongs on that list just as much. The "
            "Hague has the expertise to set a good example here.</p></blockquote>"
            "<figcaption>Alderman De Vries</figcaption></figure>"
            "<h2>Registration</h2>"
            "<p>Schools can register via the municipality’s website. The lesson pack is free "
            "of charge.</p>"
        ),
        "dateline": "Den Haag",
        "publish_at": {
            "days_ahead": 14,
            "hour": 9,
        },
        "status": "draft",
        "themes": [
            "cybersecurity",
            "veiligheid",
        ],
        "contacts": [
            "international",
        ],
        "links": [
            {
                "title_nl": "Lespakket online veiligheid",
                "title_en": "Online safety lesson pack (in Dutch)",
                "url": "https://www.denhaag.nl",
            },
        ],
        "comments": "open",
    },
]

# Approved reactions under the recent release (key "recent"), oldest first.
REACTIONS = {
    "recent": [
        {
            "name": "Fatima",
            "body": "Goed idee! Op het plein bij ons in de Schilderswijk is het in de zomer "
            "echt niet uit te houden. Meer bomen en een paar bankjes in de schaduw zouden "
            "al veel helpen.",
            "hours_after": 3,
        },
        {
            "name": "Henk van Dijk",
            "body": "Denk ook aan de ouderen in de wijk: een drinkwaterpunt op elk plein "
            "is geen overbodige luxe.\nIk kom graag naar de bewonersavond.",
            "hours_after": 7,
        },
        {
            "name": "Sanne",
            "body": "Fijn dat we mogen meedenken. Worden de plannen na de avonden ook "
            "online gedeeld, voor wie er niet bij kan zijn?",
            "hours_after": 20,
        },
    ],
}

NETWORKS = [
    {
        "slug": "100-resilient-cities",
        "name": "100 Resilient Cities",
        "organisation": "Rockefeller Foundation",
        "website": "http://www.100resilientcities.org",
        "founded_in": 2013,
        "description_nl": (
            "100 Resilient Cities is een netwerk van de Rockefeller Foundation dat steden "
            "over de hele wereld weerbaarder wil maken voor fysieke, sociale en economische "
            "schokken en problemen. De steden uit het netwerk ontvangen geld en expertise "
            "voor het aanstellen van een Chief Resilience Officer. Deze CRO stuurt projecten "
            "aan die het weerstandsvermogen en de veerkracht (resilience) van de stad "
            "verhogen."
        ),
        "description_en": (
            "100 Resilient Cities is a Rockefeller Foundation network that aims to make "
            "cities around the world more resilient to physical, social and economic shocks "
            "and stresses. The cities in the network receive funding and expertise to "
            "appoint a Chief Resilience Officer. This CRO leads projects that strengthen the "
            "city’s ability to withstand and recover from shocks: its resilience."
        ),
    },
    {
        "slug": "global-parliament-of-mayors",
        "name": "Global Parliament of Mayors",
        "organisation": "Global Parliament of Mayors",
        "website": "https://globalparliamentofmayors.org",
        "founded_in": 2016,
        "description_nl": (
            "Het Global Parliament of Mayors brengt burgemeesters uit de hele wereld samen. "
            "Het wil steden een gezamenlijke stem geven in het internationale overleg over "
            "grensoverschrijdende vraagstukken als klimaatverandering, migratie en "
            "veiligheid. De eerste bijeenkomst vond in september 2016 plaats in Den Haag."
        ),
        "description_en": (
            "The Global Parliament of Mayors brings together mayors from around the world. "
            "It aims to give cities a shared voice in international decision-making on "
            "issues that cross borders, such as climate change, migration and security. Its "
            "first meeting took place in The Hague in September 2016."
        ),
    },
]

CITIES = [
    {
        "key": "den-haag",
        "name_nl": "Den Haag",
        "name_en": "The Hague",
        "country_nl": "Nederland",
        "country_en": "Netherlands",
    },
    {
        "key": "washington",
        "name_nl": "Washington",
        "name_en": "Washington",
        "country_nl": "Verenigde Staten",
        "country_en": "United States",
    },
    {
        "key": "buenos-aires",
        "name_nl": "Buenos Aires",
        "name_en": "Buenos Aires",
        "country_nl": "Argentinië",
        "country_en": "Argentina",
    },
    {
        "key": "jakarta",
        "name_nl": "Jakarta",
        "name_en": "Jakarta",
        "country_nl": "Indonesië",
        "country_en": "Indonesia",
    },
    {
        "key": "nairobi",
        "name_nl": "Nairobi",
        "name_en": "Nairobi",
        "country_nl": "Kenia",
        "country_en": "Kenya",
    },
    {
        "key": "seoul",
        "name_nl": "Seoel",
        "name_en": "Seoul",
        "country_nl": "Zuid-Korea",
        "country_en": "South Korea",
    },
    {
        "key": "rotterdam",
        "name_nl": "Rotterdam",
        "name_en": "Rotterdam",
        "country_nl": "Nederland",
        "country_en": "Netherlands",
    },
]

# "releases" names keys of RELEASES; "themes" names slug_nl of THEMES.
MEMBERSHIPS = [
    {
        "city": "den-haag",
        "network": "100-resilient-cities",
        "joined_on": "2016-05-25",
        "announced_where_nl": "Washington DC en Nairobi",
        "announced_where_en": "Washington DC and Nairobi",
        "themes": ["cybersecurity", "kustverdediging"],
        "notes_nl": (
            "Den Haag brengt kennis in over cybersecurity, samen met TNO, universiteiten en "
            "het bedrijfsleven in The Hague Security Delta, en over kustverdediging, zoals "
            "de zandmotor voor de kust van Kijkduin."
        ),
        "notes_en": (
            "The Hague contributes its expertise in cybersecurity, together with TNO, "
            "universities and businesses in The Hague Security Delta, and in coastal "
            "defence, such as the Sand Motor off the coast of Kijkduin."
        ),
        "releases": ["100rc"],
    },
    {"city": "washington", "network": "100-resilient-cities", "joined_on": "2016-05-25"},
    {"city": "buenos-aires", "network": "100-resilient-cities", "joined_on": "2016-05-25"},
    {"city": "jakarta", "network": "100-resilient-cities", "joined_on": "2016-05-25"},
    {"city": "nairobi", "network": "100-resilient-cities", "joined_on": "2016-05-25"},
    {"city": "seoul", "network": "100-resilient-cities", "joined_on": "2016-05-25"},
    {"city": "rotterdam", "network": "100-resilient-cities", "joined_on": "2013-12-03"},
    {
        "city": "den-haag",
        "network": "global-parliament-of-mayors",
        "joined_on": "2016-09-10",
        "announced_where_nl": "Den Haag",
        "announced_where_en": "The Hague",
        "themes": ["internationaal"],
        "releases": ["gpm"],
    },
]


# Hero images of the demo releases (keys of RELEASES): drawn by press.demo_images in the
# given mood, with their description (alt text) and credit. Releases not named here
# (a withdrawn one, the Dutch-only one, the draft) have none, as releases may.
HERO_CREDIT = "Gemeente Den Haag (illustratie, demo)"
_HERO_ALT = {
    "dawn": (
        "Illustratie: de skyline van Den Haag aan zee bij zonsopkomst",
        "Illustration: the skyline of The Hague by the sea at dawn",
    ),
    "day": (
        "Illustratie: de skyline van Den Haag aan zee op een zonnige dag",
        "Illustration: the skyline of The Hague by the sea on a sunny day",
    ),
    "storm": (
        "Illustratie: de skyline van Den Haag aan zee onder een stormlucht",
        "Illustration: the skyline of The Hague by the sea under a stormy sky",
    ),
    "dusk": (
        "Illustratie: de skyline van Den Haag aan zee bij zonsondergang",
        "Illustration: the skyline of The Hague by the sea at sunset",
    ),
}
HERO_MOODS = {
    "100rc": "dusk",
    "gpm": "day",
    "zandmotor": "day",
    "cyberweek": "storm",
    "suppletie": "storm",
    "woningen": "day",
    "fietsroute": "dawn",
    "klimaat": "dawn",
    "cybercheck": "dusk",
    "correctie": "day",
    "recent": "dawn",
    "scheduled": "dusk",
}
HERO_IMAGES = {
    key: {"mood": mood, "alt_nl": _HERO_ALT[mood][0], "alt_en": _HERO_ALT[mood][1]}
    for key, mood in HERO_MOODS.items()
}
