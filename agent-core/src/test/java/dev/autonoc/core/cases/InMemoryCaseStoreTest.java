package dev.autonoc.core.cases;

/** The case-store contract on the in-memory store. */
class InMemoryCaseStoreTest extends CaseStoreContract {

    @Override
    protected CaseStore newStore() {
        return new InMemoryCaseStore();
    }
}
