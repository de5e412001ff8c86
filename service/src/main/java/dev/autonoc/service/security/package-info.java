/**
 * Who may see and answer what. Users come from configuration ({@code autonoc.security.users}), with
 * the operator's roles ({@code noc_operator}, {@code noc_supervisor}, {@code auditor}); the console
 * signs in with a form, the API with HTTP Basic. A signed-in user is the {@link
 * dev.autonoc.core.approval.Approver} of the answers they give ({@link
 * dev.autonoc.service.security.Approvers}).
 */
package dev.autonoc.service.security;
