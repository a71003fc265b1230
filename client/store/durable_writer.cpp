#include "client/store/durable_writer.hpp"

namespace motcua::client {

void durable_writer::synced(pages::change_set changes) {
    if (pending_) pending_->merge(std::move(changes));
    else pending_ = std::move(changes);
    if (!in_flight_) start();
}

bool durable_writer::written(bool ok) {
    if (!in_flight_) return durable();
    if (ok) {
        failures_ = 0;
        in_flight_.reset();
    } else {
        ++failures_;
        // What failed is older than what waits: the waiting set goes on top of it.
        auto retry = std::move(*in_flight_);
        in_flight_.reset();
        if (pending_) retry.merge(std::move(*pending_));
        pending_ = std::move(retry);
        // A failing storage is retried at the next sync, not in a loop that would spin the page.
        return false;
    }
    if (pending_) start();
    return durable();
}

void durable_writer::start() {
    in_flight_ = std::move(*pending_);
    pending_.reset();
    write_(*in_flight_);
}

} // namespace motcua::client
