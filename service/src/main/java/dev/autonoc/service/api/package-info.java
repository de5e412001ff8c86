/**
 * The JSON API under {@code /api}: elements at risk, cases with their plans, pending approvals and
 * their answers, the audit trail and its verification, and the simulation's controls. Responses are
 * views made for people and scripts, not the domain records themselves, so that the domain can
 * change without breaking clients; errors are RFC 9457 problem details that name what was wrong and
 * what is accepted.
 */
package dev.autonoc.service.api;
