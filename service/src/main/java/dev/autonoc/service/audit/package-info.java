/**
 * The audit ledger's upkeep in the service: the checkpoint key (generated on first start and kept
 * in the data folder, or configured) and the periodic signed checkpoints of the ledger's Merkle
 * tree, which the API serves with inclusion and consistency proofs.
 */
package dev.autonoc.service.audit;
