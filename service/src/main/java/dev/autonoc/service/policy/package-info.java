/**
 * The policy as the API shows it: an explanation of one action, rule by rule, by a gate of its own
 * over the kept versions. The policy module builds explanations and rule listings from the compiled
 * rules; nothing here reads a policy file's text.
 */
package dev.autonoc.service.policy;
