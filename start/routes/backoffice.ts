import router from '@adonisjs/core/services/router'

router.group(() => {}).prefix('/backoffice').as('backoffice')
