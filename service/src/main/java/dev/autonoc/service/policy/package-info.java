/**
 * The policy as the API shows it: the rules of a kept version, read from its text, and an
 * explanation of one action, rule by rule, by a gate of its own over the same versions.
 */
package dev.autonoc.service.policy;
