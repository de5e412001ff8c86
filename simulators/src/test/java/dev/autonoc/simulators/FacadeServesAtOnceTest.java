package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.StockManagement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The façade answers requests asked at once at once, as an operator's systems do: a caller that
 * asks several reads together is not served one exchange after another.
 */
class FacadeServesAtOnceTest {

    @Test
    void reads_asked_at_once_are_served_at_once() throws Exception {
        OssBss twin = Specs.metro(1).twin().ossBss();
        int atOnce = 3;
        // each read waits inside the twin until all of them are there: served one after another,
        // the first would wait for the others, which the server would never start
        CyclicBarrier allInside = new CyclicBarrier(atOnce);
        StockManagement meeting =
                (part, site) -> {
                    try {
                        allInside.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } catch (BrokenBarrierException | TimeoutException e) {
                        throw new IllegalStateException("the reads were not served at once", e);
                    }
                    return twin.stockManagement().checkStock(part, site);
                };
        OssBss served =
                new OssBss(
                        twin.resourceInventory(),
                        twin.serviceInventory(),
                        meeting,
                        twin.productOrdering(),
                        twin.appointment(),
                        twin.troubleTicket(),
                        twin.serviceActivation(),
                        twin.communication(),
                        twin.customerBill());
        ExecutorService callers = Executors.newFixedThreadPool(atOnce);
        try (TmfHttpFacade facade = TmfHttpFacade.start(served)) {
            StockManagement client = TmfHttpClients.ossBss(facade.baseUri()).stockManagement();
            List<Future<StockCheck>> answers = new ArrayList<>();
            for (int i = 0; i < atOnce; i++) {
                answers.add(callers.submit(() -> client.checkStock("FAN-TRAY", "site-02")));
            }
            for (Future<StockCheck> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS))
                        .isEqualTo(twin.stockManagement().checkStock("FAN-TRAY", "site-02"));
            }
            assertThat(allInside.isBroken()).isFalse();
        } finally {
            callers.shutdownNow();
        }
    }
}
