/** The {@code dotenv:} provider: a correct, linear-time .env parser with strict file safety. */
module dev.mcpsecrets.dotenv {
    requires transitive dev.mcpsecrets.api;
}
