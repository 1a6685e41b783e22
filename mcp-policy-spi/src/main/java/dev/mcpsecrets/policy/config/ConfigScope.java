package dev.mcpsecrets.policy.config;

/**
 * Whether a config belongs to the user (all projects) or to one project (often committed to git).
 *
 * @since 0.1
 */
public enum ConfigScope {
    /** In the user's home or application-data directory. */
    USER,
    /** In a project directory; may be shared through version control. */
    PROJECT
}
