/**
 * The {@code dotenv:} provider and a correct, linear-time {@code .env} parser and writer
 * ({@link dev.mcpsecrets.dotenv.DotenvParser}, {@link dev.mcpsecrets.dotenv.DotenvFile}).
 */
module dev.mcpsecrets.dotenv {
    requires transitive dev.mcpsecrets.api;

    exports dev.mcpsecrets.dotenv;

    provides dev.mcpsecrets.api.SecretProvider with dev.mcpsecrets.dotenv.internal.DotenvProvider;
}
