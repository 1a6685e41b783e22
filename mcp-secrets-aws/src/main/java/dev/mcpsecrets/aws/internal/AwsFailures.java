package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.io.InterruptedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Secrets Manager's error codes (whole calls, and the per-secret {@code Errors} of
 * {@code BatchGetSecretValue}) and the SDK's client-side failures, as reasons with a sentence saying
 * what to do. Messages name the code, never a value; Secrets Manager's own message is kept (it names
 * the secret and the caller, never a value) with control characters dropped and its length capped.
 */
final class AwsFailures {
    /** Codes that mean the caller may not have the secret (or the credentials are not accepted). */
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
            "IncompleteSignature", "MissingAuthenticationToken", "ExpiredTokenException", "ExpiredToken");
    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "LimitExceededException");
    private static final int MAX_MESSAGE = 300;

    private AwsFailures() {
    }

    /**
     * The failure of a whole call.
     *
     * @param e what the SDK threw
     * @param what the reference(s)
     * @param settings where the request went
     * @return the exception to throw
     */
    static SecretException of(RuntimeException e, String what, AwsSettings settings) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || e instanceof AbortedException || hasCause(e, InterruptedException.class)
                || hasCause(e, InterruptedIOException.class)) {
            return new SecretException(Reason.TIMEOUT, what, "AWS Secrets Manager did not answer before the deadline ("
                    + settings.describe() + ")");
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() != null ? service.awsErrorDetails().errorCode() : null;
            String message = service.awsErrorDetails() != null ? service.awsErrorDetails().errorMessage() : null;
            return ofCode(code, message, service.statusCode(), what);
        }
        if (e instanceof SdkClientException) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("Unable to load region")) {
                return new SecretException(Reason.UNAVAILABLE, what, "no AWS region: set " + AwsSettings.REGION
                        + " (or a region in your AWS profile)");
            }
            if (m.contains("Unable to load credentials") || m.contains("credentials")) {
                return new SecretException(Reason.UNAVAILABLE, what, "no AWS credentials found: set " + AwsSettings.PROFILE
                        + " to a profile with credentials, or run where an instance, task or pod role is available");
            }
            return new SecretException(Reason.UNAVAILABLE, what, "cannot reach AWS Secrets Manager ("
                    + settings.describe() + "): " + rootCause(e));
        }
        return new SecretException(Reason.UNAVAILABLE, what, "the AWS SDK failed (" + e.getClass().getSimpleName()
                + ")");
    }

    /**
     * The failure an error code stands for (a whole call's, or one secret's in a batch).
     *
     * @param code e.g. {@code ResourceNotFoundException}, or {@code null}
     * @param message Secrets Manager's message, or {@code null}
     * @param status the HTTP status, or 0 for a batch entry
     * @param what the reference
     * @return the exception
     */
    static SecretException ofCode(String code, String message, int status, String what) {
        String c = code == null ? "" : code;
        String told = (c.isEmpty() ? "HTTP " + status : c + (status > 0 ? ", HTTP " + status : ""))
                + (clean(message).isEmpty() ? "" : ": " + clean(message));
        if (c.equals("ResourceNotFoundException")) {
            return new SecretException(Reason.NOT_FOUND, what, "no such secret or version in AWS Secrets Manager ("
                    + told + ")");
        }
        if (DENIED.contains(c)) {
            return new SecretException(Reason.DENIED, what, "AWS Secrets Manager refused access (" + told
                    + "); the caller needs secretsmanager:GetSecretValue on the secret and valid credentials");
        }
        if (c.equals("DecryptionFailure")) {
            return new SecretException(Reason.DENIED, what, "AWS Secrets Manager could not decrypt the secret with its"
                    + " KMS key (" + told + "); the caller needs kms:Decrypt on that key, and the key must be enabled");
        }
        if (THROTTLED.contains(c) || status == 429) {
            return new SecretException(Reason.RATE_LIMITED, what, "AWS Secrets Manager asked to slow down (" + told
                    + ") and the SDK's retries did not get through");
        }
        if (c.equals("InvalidRequestException")) {
            return new SecretException(Reason.NOT_FOUND, what, "AWS Secrets Manager cannot give this secret now ("
                    + told + "); a secret scheduled for deletion is refused so");
        }
        if (c.equals("InvalidParameterException") || c.equals("ValidationException")) {
            return new SecretException(Reason.MALFORMED, what, "AWS Secrets Manager rejected the request (" + told + ")");
        }
        return new SecretException(Reason.UNAVAILABLE, what, "AWS Secrets Manager failed (" + told + ")");
    }

    private static String clean(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < message.length() && out.length() < MAX_MESSAGE; i++) {
            char c = message.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c);
        }
        if (message.length() > MAX_MESSAGE) {
            out.append('…');
        }
        return out.toString().strip();
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
