import router from '@adonisjs/core/services/router'

router.group(() => {}).prefix('/api/v1').as('api.v1')
