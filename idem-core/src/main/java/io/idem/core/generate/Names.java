package io.idem.core.generate;

/**
 * Word lists for synthetic Argentine people: given names, surnames, streets, cities, call reasons.
 *
 * <p>Given names and surnames are listed from the most to the least common and drawn with a
 * Zipf-like frequency ({@link #pick}): the k-th name (from 0) weighs {@code 1 / (k + offset)}. With
 * the surnames' offset of 15 the most common (González) is carried by about 1.7% of the people and
 * the rarest by about 0.05%; the commonest first names by about 3%. Before, 230 surnames and 270
 * given names were drawn uniformly: every surname had 0.4% of the people, so at a million people
 * every full name was shared by a dozen namesakes, while a real base has a long tail of names that
 * hardly repeat next to a few very common ones (whose namesakes are many). Frequency-aware matching
 * is only tested by such a skewed distribution.
 */
final class Names {
    private Names() {
    }

    /** Offsets of the Zipf-like draw (see the class comment). */
    static final double SURNAME_OFFSET = 15;
    static final double GIVEN_NAME_OFFSET = 8;

    /** Cumulative Zipf-like weights for a list of {@code n} names in order of frequency, normalised to end at 1. */
    static double[] zipf(int n, double offset) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / (k + offset);
            c[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        return c;
    }

    /** A name drawn from {@code names} with the cumulative weights {@code cumulative} ({@link #zipf}). */
    static String pick(java.util.SplittableRandom r, String[] names, double[] cumulative) {
        double x = r.nextDouble();
        int i = java.util.Arrays.binarySearch(cumulative, x);
        return names[Math.min(names.length - 1, i >= 0 ? i + 1 : -i - 1)];
    }

    static final String[] FEMALE = {
        "María", "Ana", "Laura", "Lucía", "Sofía", "Valentina", "Camila", "Martina", "Florencia", "Agustina",
        "Micaela", "Carolina", "Gabriela", "Natalia", "Paula", "Julieta", "Victoria", "Milagros", "Rocío", "Belén",
        "Daniela", "Silvina", "Mariana", "Verónica", "Andrea", "Claudia", "Patricia", "Mónica", "Susana", "Graciela",
        "Norma", "Marta", "Beatriz", "Silvia", "Liliana", "Alicia", "Adriana", "Cristina", "Elena", "Rosa",
        "Gladys", "Noemí", "Inés", "Raquel", "Estela", "Mirta", "Nélida", "Olga", "Irma", "Teresa",
        "Josefina", "Catalina", "Emilia", "Isabella", "Mía", "Abril", "Delfina", "Malena", "Pilar", "Guadalupe",
        "Constanza", "Antonella", "Brenda", "Yanina", "Romina", "Vanesa", "Lorena", "Cecilia", "Soledad", "Eugenia",
        "Luciana", "Marisa", "Sandra", "Viviana", "Fernanda", "Jimena", "Ximena", "Lourdes", "Ayelén", "Aldana",
        "Tamara", "Melina", "Magalí", "Noelia", "Débora", "Celeste", "Carla", "Evangelina", "Marina", "Gisela",
        "Valeria", "Analía", "Roxana", "Karina", "Fabiana", "Leticia", "Mercedes", "Dolores", "Zulema", "Ester",
        "Juana", "Ramona", "Hilda", "Amalia", "Ofelia", "Lidia", "Aurora", "Elsa", "Nora", "Ángela",
        "Sol", "Luz", "Maite", "Bianca", "Renata", "Olivia", "Emma", "Jazmín", "Ludmila", "Priscila",
        "Sabrina", "Tatiana", "Yamila", "Araceli", "Itatí", "Nahir", "Morena", "Ailén", "Anahí", "Oriana",
        "Rebeca", "Miriam", "Lía", "Estefanía", "Solange", "Vilma", "Azul", "Zoe", "Candela", "Ángeles",
        // less common
        "Agostina", "Alejandra", "Alma", "Amparo", "Antonia", "Aylén", "Bárbara", "Brisa", "Candelaria", "Carmen",
        "Celina", "Clara", "Dalma", "Dana", "Elisa", "Erica", "Eva", "Fabiola", "Fátima", "Franca", "Gimena",
        "Gisele", "Hebe", "Helena", "Iara", "Ivana", "Jesica", "Johana", "Julia", "Lara", "Lila", "Lucrecia",
        "Luisa", "Macarena", "Magdalena", "Maia", "Manuela", "Mara", "Margarita", "Maribel", "Marcela", "Matilde",
        "Maylén", "Melisa", "Mirian", "Nadia", "Nancy", "Nerea", "Nicole", "Noelí", "Paloma", "Paola", "Rita",
        "Rosario", "Rut", "Selene", "Serena", "Sonia", "Tania", "Trinidad", "Vera", "Virginia", "Wanda", "Yesica",
        "Zaira", "Zaida", "Guillermina", "Hortensia", "Milena", "Natividad", "Perla", "Regina", "Rosalía", "Sara",
        "Tiziana", "Ursula",
    };

    static final String[] MALE = {
        "Juan", "José", "Carlos", "Jorge", "Luis", "Miguel", "Roberto", "Daniel", "Ricardo", "Alberto",
        "Héctor", "Oscar", "Raúl", "Rubén", "Néstor", "Hugo", "Sergio", "Eduardo", "Fernando", "Alejandro",
        "Gustavo", "Marcelo", "Pablo", "Diego", "Martín", "Sebastián", "Matías", "Nicolás", "Facundo", "Federico",
        "Gonzalo", "Lucas", "Santiago", "Tomás", "Joaquín", "Agustín", "Franco", "Ignacio", "Emiliano", "Lautaro",
        "Thiago", "Benjamín", "Mateo", "Bautista", "Valentín", "Felipe", "Bruno", "Maximiliano", "Ezequiel", "Leandro",
        "Mariano", "Cristian", "Damián", "Germán", "Hernán", "Julián", "Adrián", "Andrés", "Ariel", "Claudio",
        "Darío", "Esteban", "Fabián", "Gastón", "Guillermo", "Horacio", "Javier", "Leonardo", "Lisandro", "Marcos",
        "Mauricio", "Omar", "Osvaldo", "Pedro", "Ramiro", "Rodrigo", "Walter", "Víctor", "Alfredo", "Ángel",
        "Antonio", "Enrique", "Ernesto", "Francisco", "Gabriel", "Manuel", "Mario", "Norberto", "Orlando", "Rafael",
        "Ramón", "Rogelio", "Armando", "Aníbal", "Domingo", "Eusebio", "Teodoro", "Ciro", "Dante", "Elías",
        "Gael", "Ian", "Lorenzo", "Máximo", "Santino", "Simón", "Tobías", "Iván", "Kevin", "Brian",
        "Nahuel", "Alan", "Axel", "Braian", "Jonathan", "Leonel", "Lionel", "Emanuel", "Patricio", "Rolando",
        "Silvio", "Ulises", "Abel", "Benito", "Joel", "Nelson", "Efraín", "Isaías", "Jesús", "Óscar",
        // less common
        "Alexis", "Alfonso", "Álvaro", "Amadeo", "Augusto", "Baltasar", "Bernardo", "Camilo", "Cristóbal", "Emilio",
        "Fausto", "Fidel", "Gerardo", "Gerónimo", "Gilberto", "Gregorio", "Hilario", "Ismael", "Jeremías", "Josué",
        "Julio", "Leopoldo", "Lucio", "Luciano", "Marcelino", "Milton", "Moisés", "Nazareno", "Octavio", "Pascual",
        "Renzo", "Reinaldo", "Roque", "Salvador", "Samuel", "Saúl", "Segundo", "Severino", "Teo", "Tiziano",
        "Valentino", "Vicente", "Waldo", "Xavier", "Yago", "Zacarías", "Aarón", "Adolfo", "Agustino", "Benicio",
        "Bernabé", "Ciriaco", "Constantino", "Eloy", "Faustino", "Genaro", "Isidro", "Jacinto", "León", "Marcial",
        "Nicanor", "Olegario", "Pío", "Rufino",
    };

    static final String[] FEMALE_COMPOUND = {
        "María José", "María Laura", "María Belén", "María Florencia", "María Eugenia", "María Sol",
        "María Victoria", "María de los Ángeles", "María Celeste", "María Luz", "Ana Laura", "Ana María",
        "Ana Paula", "Stella Maris", "María Paz", "Luz María", "María Inés", "María Cecilia", "María Pía",
        "María Emilia", "Ana Clara", "María Fernanda",
    };

    static final String[] MALE_COMPOUND = {
        "Juan Pablo", "Juan Manuel", "Juan Cruz", "Juan Martín", "Juan Ignacio", "Juan Carlos", "Juan José",
        "José Luis", "José María", "Luis Alberto", "Carlos Alberto", "Miguel Ángel", "Juan Bautista",
        "Pablo Andrés", "Jorge Luis", "Marcelo Daniel", "Héctor Raúl", "Juan Sebastián", "Juan Ramón",
        "Carlos Daniel", "Juan Esteban", "Luis María",
    };

    static final String[] SURNAMES = {
        "González", "Rodríguez", "Gómez", "Fernández", "López", "Díaz", "Martínez", "Pérez", "García", "Sánchez",
        "Romero", "Sosa", "Álvarez", "Torres", "Ruiz", "Ramírez", "Flores", "Benítez", "Acosta", "Medina",
        "Herrera", "Suárez", "Aguirre", "Giménez", "Gutiérrez", "Pereyra", "Rojas", "Molina", "Castro", "Ortiz",
        "Silva", "Núñez", "Luna", "Juárez", "Cabrera", "Ríos", "Ferreyra", "Godoy", "Morales", "Domínguez",
        "Moreno", "Peralta", "Vega", "Carrizo", "Quiroga", "Castillo", "Ledesma", "Muñoz", "Ojeda", "Ponce",
        "Vera", "Vázquez", "Villalba", "Cardozo", "Navarro", "Ramos", "Arias", "Coronel", "Córdoba", "Figueroa",
        "Correa", "Cáceres", "Vargas", "Mendoza", "Maldonado", "Ibáñez", "Méndez", "Chávez", "Paz", "Miranda",
        "Ortega", "Barrios", "Ayala", "Campos", "Bustos", "Gallardo", "Escobar", "Guzmán", "Heredia", "Lucero",
        "Olivera", "Páez", "Palacios", "Rivero", "Salazar", "Sandoval", "Sotelo", "Toledo", "Valdez", "Zárate",
        "Aguilar", "Alonso", "Blanco", "Bravo", "Cabral", "Calderón", "Cejas", "Colombo", "Rossi", "Russo",
        "Ferrari", "Romano", "Bianchi", "Esposito", "Ricci", "Greco", "Bruno", "Gallo", "Costa", "Fontana",
        "Moretti", "Marino", "Lombardi", "Giordano", "Mancini", "Rizzo", "Barbieri", "Caruso", "D'Angelo", "Di Marco",
        "De Luca", "Del Valle", "Iglesias", "Lorenzo", "Martín", "Marín", "Montenegro", "Nieto", "Ocampo", "Pacheco",
        "Quintana", "Rey", "Roldán", "Saavedra", "Salinas", "Serrano", "Soria", "Tapia", "Vidal", "Villegas",
        "Zapata", "Albornoz", "Andrada", "Ávila", "Barrera", "Bazán", "Bustamante", "Cano", "Carrasco", "Cruz",
        "Duarte", "Espinoza", "Farías", "Frías", "Funes", "Gil", "Guerrero", "Insaurralde", "Jara", "Leiva",
        "Lemos", "Maidana", "Mansilla", "Márquez", "Mercado", "Monzón", "Moyano", "Nievas", "Oviedo", "Pereira",
        "Pintos", "Quinteros", "Reynoso", "Riquelme", "Robles", "Salas", "Segovia", "Sena", "Soto", "Valenzuela",
        "Verón", "Vallejos", "Velázquez", "Zalazar", "Echeverría", "Etcheverry", "Goñi", "Olmedo", "Argañaraz",
        "Iturralde", "Larrañaga", "Gorosito", "Schmidt", "Müller", "Fischer", "Weber", "Ibarra", "Galarza",
        "Britos", "Escalante", "Ávalos", "Brizuela", "Caballero", "Cuello", "Franco", "Galván", "Luján", "Paredes",
        "Peña", "Rivas", "Rodas", "Sáez", "Solís", "Valdés", "Agüero", "Báez", "Bogado", "Cañete",
        "Fariña", "Giménez Zapiola", "Montaña", "Orué", "Santillán", "Villarreal", "Zabala", "Ruiz Díaz", "Acuña", "Núñez del Prado",
        // less common: the long tail a real base has (Spanish, Italian, Basque, Lebanese, Jewish, German, Andean, Mapuche...)
        "Aranda", "Arce", "Arévalo", "Argüello", "Arrieta", "Avendaño", "Balbi", "Barreto", "Barrionuevo", "Becerra",
        "Beltrán", "Bermúdez", "Bordón", "Borda", "Bosco", "Burgos", "Cabello", "Cajal", "Camacho", "Campana",
        "Candia", "Cantero", "Carabajal", "Cardoso", "Carmona", "Casas", "Castaño", "Castellano", "Cattaneo",
        "Centurión", "Cisneros", "Coria", "Cornejo", "Costas", "Cuevas", "Chamorro", "Dávila", "Delgado", "Echagüe",
        "Elizondo", "Encina", "Escudero", "Espíndola", "Esquivel", "Ferraro", "Ferreira", "Fiorito", "Florentín",
        "Fuentes", "Gaitán", "Galeano", "Gallego", "Garay", "Garrido", "Gauna", "Gerez", "Ghioldi", "Giuliani",
        "Gorostiaga", "Gramajo", "Grande", "Guerra", "Guevara", "Hernández", "Herrero", "Hidalgo", "Hoyos", "Huerta",
        "Ibarguren", "Irala", "Izaguirre", "Jaime", "Jiménez", "Juncos", "Lagos", "Lamas", "Lara", "Lazarte",
        "Lescano", "Lezcano", "Linares", "Lobo", "Lucena", "Luque", "Llanos", "Machado", "Madariaga", "Mancuso",
        "Manzano", "Marchetti", "Mariani", "Marrero", "Martelli", "Mattos", "Medrano", "Mena", "Mesa", "Micheli",
        "Mirabelli", "Mondino", "Montero", "Montes", "Mora", "Moreira", "Mosquera", "Mujica", "Navarrete",
        "Nogueira", "Novoa", "Olguín", "Oliva", "Orellana", "Orozco", "Osorio", "Otero", "Pagano", "Palavecino",
        "Palma", "Parra", "Pascual", "Pastor", "Pedraza", "Pellegrini", "Piñeiro", "Pizarro", "Prieto", "Puebla",
        "Puig", "Quevedo", "Quiroz", "Rinaldi", "Rocha", "Rolón", "Rosales", "Rubio", "Ruggiero", "Sabatini",
        "Salvatierra", "Sanabria", "Santana", "Santoro", "Sarmiento", "Sepúlveda", "Sierra", "Sola", "Tello",
        "Tévez", "Tolosa", "Trejo", "Trujillo", "Urquiza", "Urrutia", "Valdivia", "Valle", "Varela", "Vecchio",
        "Velardez", "Venturini", "Vicente", "Villafañe", "Villanueva", "Vivas", "Yáñez", "Yapura", "Zamora",
        "Zanetti", "Aldao", "Alegre", "Almada", "Alvarado", "Amaya", "Ansaldi", "Antón", "Aquino", "Araujo",
        "Arguello", "Armoa", "Azcurra", "Baldi", "Barraza", "Barros", "Basualdo", "Benavídez", "Bertolini", "Bianco",
        "Bonfiglio", "Bongiorno", "Borges", "Bracamonte", "Brandán", "Brito", "Bulacio", "Cabañas", "Caminos",
        "Capdevila", "Carabelli", "Castelli", "Cerrudo", "Chaparro", "Chiappe", "Cisterna", "Colman", "Contreras",
        "Corbalán", "Cortés", "Crespo", "Cufré", "Chiesa", "Danieli", "Echenique", "Elías", "Falcón", "Ferrer",
        "Figueredo", "Frutos", "Gaggero", "Galli", "Gamarra", "Garcete", "Gatti", "Gentile", "Ghiglione",
        "Giacomelli", "Goyeneche", "Guaraz", "Hauser", "Haedo", "Iñíguez", "Jaramillo", "Kraus", "Landa", "Leone",
        "Lillo", "Loza", "Lozano", "Lupo", "Magallanes", "Maciel", "Malvestiti", "Marquesi", "Mazza", "Melgarejo",
        "Meza", "Monti", "Morel", "Murúa", "Nadal", "Naón", "Neira", "Noriega", "Olivares", "Oroño", "Ortubia",
        "Palacio", "Paniagua", "Parodi", "Pasquini", "Pavón", "Peirano", "Piccardo", "Piñero", "Poletti", "Portillo",
        "Rampoldi", "Recalde", "Reinoso", "Rizzi", "Roca", "Rojo", "Salvatore", "Sarachaga", "Savino", "Scarpa",
        "Seoane", "Serra", "Sívori", "Spinelli", "Stefani", "Taboada", "Tamayo", "Terán", "Tissera", "Toranzo",
        "Trovato", "Uriarte", "Vaccaro", "Valverde", "Vergara", "Videla", "Viera", "Villar", "Wagner", "Yofre",
        "Zacarías", "Zeballos", "Zurita", "Haddad", "Nasser", "Khoury", "Saad", "Abdala", "Yunes", "Chahín",
        "Sleiman", "Antún", "Kohan", "Rosenberg", "Goldstein", "Levy", "Schwartz", "Friedman", "Kaplan",
        "Zimmermann", "Hoffmann", "Becker", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Smith", "Brown",
        "O'Connor", "Kelly", "Murphy", "Walsh", "Dupont", "Lefebvre", "Moreau", "Bernard", "Petit", "Kovacs",
        "Novak", "Horvat", "Popescu", "Ivanov", "Petrov", "Kowalski", "Nowak", "Yamamoto", "Tanaka", "Kim", "Lee",
        "Chen", "Wang", "Silveira", "Teixeira", "Mamani", "Quispe", "Condori", "Choque", "Huanca", "Cutipa", "Apaza",
        "Guanuco", "Ñancucheo", "Catriel", "Painemal", "Curruhuinca", "Namuncurá",
    };

    static final String[] STREETS = {
        "San Martín", "Belgrano", "Rivadavia", "Sarmiento", "Mitre", "Moreno", "Av. Corrientes", "Av. Santa Fe",
        "Av. Cabildo", "Av. Rivadavia", "Av. de Mayo", "Lavalle", "Tucumán", "Florida", "25 de Mayo", "9 de Julio",
        "Urquiza", "Alem", "Av. Colón", "Bv. Oroño", "Pellegrini", "Entre Ríos", "Córdoba", "Salta", "Jujuy",
        "Güemes", "Dorrego", "Las Heras", "Pueyrredón", "French", "Larrea", "Av. Juan B. Justo", "Av. Callao",
        "Av. Independencia", "Av. Belgrano", "Av. San Juan", "Humberto Primo", "Chile", "México", "Perú",
        "Bolívar", "Defensa", "Balcarce", "España", "Italia", "Almirante Brown", "Lamadrid", "Laprida",
        "Castelli", "Saavedra", "Hipólito Yrigoyen", "Av. Gral. Paz", "Calle 7", "Calle 12", "Av. Maipú",
        "Ituzaingó", "Junín", "Paraguay", "Uruguay", "Viamonte",
    };

    /** Area codes (national, without trunk 0) and their weight in the population. */
    static final String[] AREAS = {
        "11", "351", "341", "261", "221", "223", "381", "387", "342", "299", "379", "376", "264", "343", "280",
        "2920", "2954",
    };
    static final int[] AREA_WEIGHTS = {45, 9, 6, 5, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 1, 2};

    /** First subscriber digits that make a valid mobile number in each area (landlines start with 4). */
    static final String[] MOBILE_FIRST_DIGITS = {
        "2356", "2356", "2356", "2356", "2356", "356", "2356", "2356", "56", "356", "5", "5", "356", "356", "5",
        "2356", "2356",
    };

    /** Cities per area, as "city|postcode" pairs; index matches {@link #AREAS}. */
    static final String[][] CITIES = {
        {"CABA|1414", "CABA|1425", "CABA|1406", "CABA|1043", "CABA|1221", "CABA|1428", "CABA|1405",
            "Lanús|1824", "Quilmes|1878", "Avellaneda|1870", "Lomas de Zamora|1832", "Banfield|1828",
            "Morón|1708", "Ramos Mejía|1704", "San Justo|1754", "San Isidro|1642", "Vicente López|1638",
            "Olivos|1636", "Tigre|1648", "San Fernando|1646", "Pilar|1629", "Merlo|1722", "Moreno|1744",
            "Berazategui|1884", "Florencio Varela|1888", "Caseros|1678", "San Miguel|1663"},
        {"Córdoba|5000", "Córdoba|5001", "Córdoba|5008", "Córdoba|5009"},
        {"Rosario|2000", "Rosario|2002", "Villa Gobernador Gálvez|2124"},
        {"Mendoza|5500", "Godoy Cruz|5501", "Guaymallén|5519", "Las Heras|5539"},
        {"La Plata|1900", "Berisso|1923", "Ensenada|1925"},
        {"Mar del Plata|7600"},
        {"San Miguel de Tucumán|4000", "Yerba Buena|4107"},
        {"Salta|4400"},
        {"Santa Fe|3000", "Santo Tomé|3016"},
        {"Neuquén|8300", "Plottier|8316"},
        {"Corrientes|3400"},
        {"Posadas|3300"},
        {"San Juan|5400", "Rawson|5425"},
        {"Paraná|3100"},
        {"Trelew|9100", "Rawson|9103"},
        {"Viedma|8500"},
        {"Santa Rosa|6300"},
    };

    /** How people write "the capital". */
    static final String[] CABA_FORMS = {"CABA", "Capital Federal", "Ciudad Autónoma de Buenos Aires", "C.A.B.A.", "Buenos Aires"};

    static final String[] DOMAINS = {"gmail.com", "hotmail.com", "yahoo.com.ar", "outlook.com", "hotmail.com.ar", "live.com.ar"};
    static final int[] DOMAIN_WEIGHTS = {50, 22, 10, 10, 4, 4};

    static final String[] EMAIL_PLACEHOLDERS = {"test@test.com", "sinmail@gmail.com", "no@tiene.com"};

    static final String[] CALL_REASONS = {
        "Consulta por pedido", "Reclamo, producto dañado", "Cambio de talle", "Devolución", "Consulta de puntos",
        "Baja de newsletter", "Demora en la entrega", "Factura incorrecta", "Consulta de stock",
        "Reclamo, no llegó el pedido", "Cambio de domicilio de entrega", "Problema con el pago",
        "Consulta \"Hot Sale\"", "Garantía", "Actualizar datos",
    };

    static final String[] UNITS = {"piso 1 dto A", "piso 2 dto B", "3° C", "5° B", "PB 2", "piso 8 dto D", "dto 4", "1° A"};
}
