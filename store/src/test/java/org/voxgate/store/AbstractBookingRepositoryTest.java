package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The booking contract, run once per database by the subclasses. */
abstract class AbstractBookingRepositoryTest {

    private static final Instant NINE = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-20T12:00:00Z");

    private Store store;
    private BookingRepository repo;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws SQLException {
        store = Store.open(config());
        repo = store.bookings();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM bookings");
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static Booking slot(String calendar, Instant start, int minutes, String caller) {
        return Booking.request(calendar, start, start.plus(Duration.ofMinutes(minutes)), caller, "Ann Smith",
                "first visit", "receptionist", "call-1", CREATED);
    }

    @Test
    void booksAndFindsABooking() {
        Booking booked = repo.book(slot("main", NINE, 30, "+441234"));

        assertThat(booked.id()).isNotBlank();
        assertThat(booked.status()).isEqualTo(Booking.BOOKED);
        assertThat(repo.find(booked.id())).contains(booked);
        assertThat(booked).isEqualTo(new Booking(booked.id(), "main", NINE, NINE.plusSeconds(1800), "+441234",
                "Ann Smith", "first visit", "receptionist", "call-1", "booked", CREATED));
        assertThat(repo.find("no-such-id")).isEmpty();
    }

    @Test
    void aTakenOrOverlappingSlotIsAConflictButAnotherCalendarIsNot() {
        repo.book(slot("main", NINE, 30, "+1"));

        assertThatThrownBy(() -> repo.book(slot("main", NINE, 30, "+2")))
                .isInstanceOf(BookingConflictException.class).hasMessageContaining("main");
        assertThatThrownBy(() -> repo.book(slot("main", NINE.plusSeconds(900), 30, "+2")))
                .isInstanceOf(BookingConflictException.class);
        assertThatThrownBy(() -> repo.book(slot("main", NINE.minusSeconds(900), 30, "+2")))
                .isInstanceOf(BookingConflictException.class);
        // Touching slots do not overlap.
        repo.book(slot("main", NINE.plusSeconds(1800), 30, "+3"));
        repo.book(slot("main", NINE.minusSeconds(1800), 30, "+4"));
        repo.book(slot("annex", NINE, 30, "+5"));
        assertThat(repo.count(BookingQuery.ALL)).isEqualTo(4);
    }

    @Test
    void cancellingFreesTheSlotAgainAndAgain() {
        Booking first = repo.book(slot("main", NINE, 30, "+1"));

        Booking cancelled = repo.cancel(first.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(Booking.CANCELLED);
        Booking second = repo.book(slot("main", NINE, 30, "+2"));
        repo.cancel(second.id());
        Booking third = repo.book(slot("main", NINE, 30, "+3"));

        assertThat(repo.cancel(first.id()).orElseThrow().status()).isEqualTo(Booking.CANCELLED);
        assertThat(repo.cancel("no-such-id")).isEmpty();
        assertThat(repo.list(new BookingQuery("main", null, null, null, "booked"), 0, 10))
                .extracting(Booking::id).containsExactly(third.id());
        assertThat(repo.count(new BookingQuery(null, null, null, null, "cancelled"))).isEqualTo(2);
    }

    @Test
    void listsFilteredAndPagedEarliestFirst() {
        for (int i = 0; i < 5; i++) {
            repo.book(slot("main", NINE.plus(Duration.ofHours(i)), 30, i % 2 == 0 ? "+even" : "+odd"));
        }
        repo.book(slot("annex", NINE, 30, "+even"));

        BookingQuery main = new BookingQuery("main", null, null, null, null);
        assertThat(repo.list(main, 0, 2)).extracting(Booking::startsAt)
                .containsExactly(NINE, NINE.plus(Duration.ofHours(1)));
        assertThat(repo.list(main, 4, 2)).extracting(Booking::startsAt)
                .containsExactly(NINE.plus(Duration.ofHours(4)));
        assertThat(repo.count(main)).isEqualTo(5);
        assertThat(repo.list(new BookingQuery("main", NINE.plus(Duration.ofHours(1)), NINE.plus(Duration.ofHours(3)),
                null, null), 0, 10)).extracting(Booking::startsAt)
                .containsExactly(NINE.plus(Duration.ofHours(1)), NINE.plus(Duration.ofHours(2)));
        assertThat(repo.count(new BookingQuery(null, null, null, "+even", null))).isEqualTo(4);
        assertThatThrownBy(() -> repo.list(main, -1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoNodesBookingOneOrOverlappingSlotsAtOnceGetExactlyOneBooking() throws Exception {
        // Two stores over one database stand for two nodes, each with its own pool.
        try (Store other = Store.open(config())) {
            for (int round = 0; round < 6; round++) {
                Instant start = NINE.plus(Duration.ofDays(round));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Callable<Boolean>> racers = new ArrayList<>();
                List<BookingRepository> nodes = List.of(repo, other.bookings());
                for (int n = 0; n < 2; n++) {
                    BookingRepository r = nodes.get(n);
                    // Odd rounds: the same start; even rounds: overlapping slots with different starts.
                    Instant mine = round % 2 == 1 || n == 0 ? start : start.plusSeconds(15 * 60);
                    racers.add(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        try {
                            r.book(slot("main", mine, 30, "+race"));
                            return true;
                        } catch (BookingConflictException e) {
                            return false;
                        }
                    });
                }
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    int wins = 0;
                    for (Future<Boolean> f : pool.invokeAll(racers)) {
                        wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    assertThat(wins).as("round %d", round).isEqualTo(1);
                } finally {
                    pool.shutdownNow();
                }
                assertThat(repo.count(new BookingQuery("main", start, start.plusSeconds(3600), null, "booked")))
                        .isEqualTo(1);
            }
        }
    }
}
