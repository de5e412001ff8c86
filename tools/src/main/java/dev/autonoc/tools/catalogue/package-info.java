/**
 * The tool catalogue: the tools of DESIGN.md (and of issue 10's undo and what-if reads) over the
 * OSS/BSS clients, each with its argument schema and validation, its cost, risk and policy facts
 * before it runs, and idempotent execution. {@link dev.autonoc.tools.catalogue.ToolCatalogues} is
 * the one public entry; the tools themselves are package-private.
 */
package dev.autonoc.tools.catalogue;
