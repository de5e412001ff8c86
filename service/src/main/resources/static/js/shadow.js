// The Shadow mode page: the report itself is rendered by the server for the period asked (a
// report is of a period, not of the moment); only the header's clock is kept live here.
(function () {
  'use strict';

  const { api, renderSimulation, live } = window.autonoc;

  live(async () => renderSimulation(await api('GET', '/api/simulation')));
})();
