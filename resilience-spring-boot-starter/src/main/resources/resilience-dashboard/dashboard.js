// Live view of the breakers endpoint. It reads ../actuator/breakers relative to this page, or the
// URL in the "endpoint" query parameter, once a second, and draws one card per breaker. Values are
// written with textContent only, so names and messages are never parsed as HTML.
(function () {
  "use strict";

  var REFRESH_MILLIS = 1000;
  var MAX_EVENTS = 10;

  var params = new URLSearchParams(window.location.search);
  var endpoint = new URL(params.get("endpoint") || "../actuator/breakers", window.location.href);
  var container = document.getElementById("breakers");
  var status = document.getElementById("status");
  var template = document.getElementById("breaker-card");
  var cards = new Map();

  function rate(value) {
    return value < 0 ? "– (fewer calls than the minimum)" : value.toFixed(1) + " %";
  }

  function time(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
  }

  function describe(event) {
    switch (event.type) {
      case "STATE_TRANSITION":
        return event.fromState + " → " + event.toState;
      case "FAILURE_RATE_EXCEEDED":
        return "failure rate " + event.rate.toFixed(1) + " % reached the threshold";
      case "SLOW_CALL_RATE_EXCEEDED":
        return "slow-call rate " + event.rate.toFixed(1) + " % reached the threshold";
      case "RESET":
        return "reset";
      case "FAILED_CALLS":
        return event.count + " failed call" + (event.count === 1 ? "" : "s")
          + (event.exception ? " (last: " + event.exception + ")" : "");
      case "NOT_PERMITTED_CALLS":
        return event.count + " rejected call" + (event.count === 1 ? "" : "s");
      default:
        return event.type;
    }
  }

  function field(card, name) {
    return card.querySelector('[data-field="' + name + '"]');
  }

  function cardFor(name) {
    var card = cards.get(name);
    if (!card) {
      card = template.content.firstElementChild.cloneNode(true);
      card.dataset.breaker = name;
      field(card, "name").textContent = name;
      cards.set(name, card);
    }
    return card;
  }

  function render(breakers) {
    var names = Object.keys(breakers);
    cards.forEach(function (card, name) {
      if (!Object.prototype.hasOwnProperty.call(breakers, name)) {
        card.remove();
        cards.delete(name);
      }
    });
    names.forEach(function (name) {
      var breaker = breakers[name];
      var card = cardFor(name);
      card.dataset.state = breaker.state;
      field(card, "state").textContent = breaker.state;
      field(card, "failureRate").textContent = rate(breaker.failureRate);
      field(card, "slowCallRate").textContent = rate(breaker.slowCallRate);
      field(card, "bufferedCalls").textContent = String(breaker.bufferedCalls);
      field(card, "failedSlow").textContent = breaker.failedCalls + " / " + breaker.slowCalls;
      field(card, "notPermittedCalls").textContent = String(breaker.notPermittedCalls);
      field(card, "lastTransitionTime").textContent = time(breaker.lastTransitionTime);
      var list = field(card, "events");
      var events = (breaker.events || []).slice(-MAX_EVENTS).reverse();
      list.replaceChildren.apply(list, events.map(function (event) {
        var item = document.createElement("li");
        item.dataset.type = event.type;
        var when = document.createElement("time");
        when.dateTime = event.lastTime;
        when.textContent = time(event.lastTime);
        item.append(when, " ", describe(event));
        return item;
      }));
      container.appendChild(card);
    });
    status.classList.remove("error");
    status.textContent = names.length + " breaker" + (names.length === 1 ? "" : "s") + ", updated "
      + new Date().toLocaleTimeString();
  }

  function fail(message) {
    status.classList.add("error");
    status.textContent = "Cannot read " + endpoint.pathname + ": " + message;
  }

  function refresh() {
    fetch(endpoint, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status
            + (response.status === 404 ? " (is the breakers endpoint exposed?)" : ""));
        }
        return response.json();
      })
      .then(function (body) { render(body.breakers || {}); })
      .catch(function (error) { fail(error.message); })
      .finally(function () { window.setTimeout(refresh, REFRESH_MILLIS); });
  }

  refresh();
}());
