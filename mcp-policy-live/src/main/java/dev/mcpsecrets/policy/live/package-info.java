/**
 * Live probes: checks that ask GitHub and databases what a credential can actually do. They run only
 * when the user opts in, with a deadline each, and contact only loopback, the user's allowed hosts and
 * the user's own GitHub API URL ({@link dev.mcpsecrets.policy.live.LiveProbeSettings}).
 *
 * @since 0.1
 */
package dev.mcpsecrets.policy.live;
