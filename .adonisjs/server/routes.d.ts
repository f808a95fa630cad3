import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'api.v1.auth.tokens.store': { paramsTuple?: []; params?: {} }
    'api.v1.auth.tokens.destroy': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.index': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.balances': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.transactions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.transfers.store': { paramsTuple?: []; params?: {} }
    'api.v1.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.session.create': { paramsTuple?: []; params?: {} }
    'backoffice.session.store': { paramsTuple?: []; params?: {} }
    'backoffice.session.destroy': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.show': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.verify': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.enrol': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.dashboard': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.index': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.balances': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.transactions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.session.create': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.show': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.dashboard': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.index': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.balances': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.transactions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.session.create': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.show': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.dashboard': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'api.v1.auth.tokens.store': { paramsTuple?: []; params?: {} }
    'api.v1.transfers.store': { paramsTuple?: []; params?: {} }
    'backoffice.session.store': { paramsTuple?: []; params?: {} }
    'backoffice.session.destroy': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.verify': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.enrol': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'api.v1.auth.tokens.destroy': { paramsTuple?: []; params?: {} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}