/** The scope Digdir's client admin API asks for (CONTRACT §1.7). */
export const DIGDIR_WRITE_SCOPE = "idporten:dcr.write";
