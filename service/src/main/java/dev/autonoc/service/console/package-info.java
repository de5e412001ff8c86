/**
 * The NOC console: pages for signed-in people (the overview of approvals waiting, elements at risk
 * and cases; a case with its timeline from the ledger; the audit ledger), and the sign-in page.
 * Pages are served by Thymeleaf and filled by small scripts calling the JSON API, read again when
 * the service pushes that something changed (server-sent events, {@link
 * dev.autonoc.service.console.ConsoleEvents}); they load nothing from outside the service.
 */
package dev.autonoc.service.console;
