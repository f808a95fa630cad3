import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'health.live': { paramsTuple?: []; params?: {} }
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
    'backoffice.session.create': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.show': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.dashboard': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'health.live': { paramsTuple?: []; params?: {} }
    'backoffice.session.create': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.show': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.dashboard': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'backoffice.session.store': { paramsTuple?: []; params?: {} }
    'backoffice.session.destroy': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.verify': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.enrol': { paramsTuple?: []; params?: {} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}