package io.idem.core.generate;

/** Word lists for synthetic Argentine people: given names, surnames, streets, cities, call reasons. */
final class Names {
    private Names() {
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
