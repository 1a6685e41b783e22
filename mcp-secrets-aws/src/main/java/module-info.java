/**
 * The {@code aws-sm:} provider on AWS Secrets Manager, through the AWS SDK for Java v2 with its
 * URL-connection HTTP client. Exports nothing; the provider is found with {@link java.util.ServiceLoader}.
 * The SDK's modules are automatic modules (named in their manifests).
 */
module dev.mcpsecrets.aws {
    requires transitive dev.mcpsecrets.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.services.secretsmanager;

    provides dev.mcpsecrets.api.SecretProvider with dev.mcpsecrets.aws.internal.AwsSecretsManagerProvider;
}
